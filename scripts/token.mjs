#!/usr/bin/env node
/**
 * Print a bearer token for the local gateways:
 *   npm run token -- <role> [subject]
 * Roles: ops, finance, member, supplier, logistics-provider. It is signed with
 * JWT_SECRET, or the local development secret the services use when
 * JWT_SECRET is not set outside production.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './infra.mjs';
import { build } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const dist = path.join(ROOT, 'libs', 'runtime', 'dist', 'index.js');
if (!fs.existsSync(dist)) build();
const { signToken, ROLES, DEV_JWT_SECRET } = require(dist);

const [role, subject] = process.argv.slice(2);
if (!ROLES.includes(role)) {
  console.error(`usage: npm run token -- <${ROLES.join('|')}> [subject]`);
  process.exit(2);
}
const token = signToken(
  { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: process.env.JWT_ISSUER ?? 'netdirect' },
  role,
  subject ?? `${role}-local`,
  Number(process.env.TOKEN_TTL_SECONDS ?? 8 * 3600),
);
console.log(token);
