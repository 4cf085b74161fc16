#!/usr/bin/env node
/*
 * Writes the documents outside consumers (logistics providers, other teams)
 * read instead of this code:
 *
 *   generated/asyncapi.json, generated/asyncapi.yaml   AsyncAPI 3.0.0
 *   generated/schemas/<Type>.v<version>.json           JSON Schema draft-07 per event
 *
 * It reads the BUILT library, so run `tsc -b tsconfig.lib.json` first
 * (`npm run build -w @netdirect/contracts` does both). generated/ is git-ignored:
 * the documents are derived from the payload classes, never edited by hand.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist', 'index.js');
if (!fs.existsSync(dist)) {
  console.error(`${path.relative(process.cwd(), dist)} not found: build the library first (tsc -b libs/contracts/tsconfig.lib.json)`);
  process.exit(1);
}

const contracts = require(dist);
const { version } = require(path.join(root, 'package.json'));

const outDir = path.join(root, 'generated');
const schemaDir = path.join(outDir, 'schemas');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(schemaDir, { recursive: true });

const asyncapi = contracts.buildAsyncApiDocument({ version });
fs.writeFileSync(path.join(outDir, 'asyncapi.json'), JSON.stringify(asyncapi, null, 2) + '\n');
fs.writeFileSync(path.join(outDir, 'asyncapi.yaml'), YAML.stringify(asyncapi, { aliasDuplicateObjects: false }));

const schemas = contracts.buildJsonSchemas();
for (const [key, schema] of Object.entries(schemas)) {
  const [type, v] = key.split('@');
  fs.writeFileSync(path.join(schemaDir, `${type}.v${v}.json`), JSON.stringify(schema, null, 2) + '\n');
}

console.log(
  `Wrote ${path.relative(process.cwd(), outDir)}: asyncapi.json, asyncapi.yaml and ${Object.keys(schemas).length} schemas`,
);
