#!/usr/bin/env node
/**
 * `npm test`: install what is missing, build, start the embedded Kafka and
 * database unless they already run (or KAFKA_BROKERS and MONGO_URL point
 * elsewhere), run every unit and integration test, and stop what it started.
 * Extra arguments go to jest, e.g. `npm test -- libs/runtime`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { down, ROOT, up } from './infra.mjs';
import { build, ensureKcat, ensureNodePackages, run } from './lib/setup.mjs';

let started = [];
let stopping = false;

async function stopInfra() {
  if (stopping) return;
  stopping = true;
  if (started.length) await down(started);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopInfra();
    process.exit(130);
  });
}

function runJest(args) {
  const report = path.join(os.tmpdir(), `netdirect-jest-${process.pid}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--maxWorkers=2', '--forceExit', '--json', `--outputFile=${report}`, ...args],
      { stdio: 'inherit', cwd: ROOT },
    );
    child.on('exit', (code) => {
      let summary = null;
      try {
        summary = JSON.parse(fs.readFileSync(report, 'utf8'));
        fs.rmSync(report, { force: true });
      } catch {
        // jest crashed before writing its report; its exit code tells.
      }
      resolve({ code: code ?? 1, summary });
    });
  });
}

async function main() {
  ensureNodePackages();
  ensureKcat();
  build();
  // Module boundaries and the architecture rules are lint rules: a violation fails the run.
  run(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--quiet']);
  ({ started } = await up());
  const { code, summary } = await runJest(process.argv.slice(2));
  await stopInfra();
  if (summary) {
    const skipped = summary.numPendingTests + summary.numTodoTests;
    // A suite that fails outside any test (a hook, a syntax error) counts as a failure too.
    const failed = Math.max(summary.numFailedTests + summary.numRuntimeErrorTestSuites, summary.success ? 0 : 1);
    console.log(`\ntests: ${summary.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
    if (summary.numTotalTests === 0) {
      console.error('no test ran');
      return 1;
    }
  }
  return code;
}

main()
  .then((code) => process.exit(code))
  .catch(async (e) => {
    console.error(`[test] ${e.message}`);
    await stopInfra();
    process.exit(1);
  });
