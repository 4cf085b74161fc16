#!/usr/bin/env node
/**
 * Print a bearer token for the local gateways:
 *   npm run token -- <role> [subject]
 * Roles: ops, finance, member, supplier, logistics-provider. It is signed with
 * JWT_SECRET, or the local development secret the services use when
 * JWT_SECRET is not set outside production, and is valid for
 * TOKEN_TTL_SECONDS (default 28800, 8 hours; at most 30 days).
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
// A whole number of seconds, at most 30 days: a typo must not mint a token that never expires.
const ttlText = process.env.TOKEN_TTL_SECONDS ?? String(8 * 3600);
const ttl = Number(ttlText);
if (!/^[0-9]+$/.test(ttlText) || ttl < 1 || ttl > 30 * 24 * 3600) {
  console.error(`TOKEN_TTL_SECONDS=${JSON.stringify(ttlText)}: must be a whole number of seconds from 1 to 2592000 (30 days)`);
  process.exit(2);
}
const token = signToken(
  { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: process.env.JWT_ISSUER ?? 'netdirect' },
  role,
  subject ?? `${role}-local`,
  ttl,
);
console.log(token);
