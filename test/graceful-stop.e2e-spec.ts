/**
 * How a deployed service process ends: on SIGTERM it stops consuming,
 * flushes the outbox, writes its last log line and exits 0, so an
 * orchestrator sees a clean stop and the log says what happened.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_KAFKA_BROKERS, TEST_MONGO_URL, uniqueId } from '@netdirect/runtime/testing';

const ROOT = path.resolve(__dirname, '..');
const main = path.join(ROOT, 'services', 'network', 'dist', 'main.js');

function startService(): { proc: ChildProcess; output: () => string; listening: Promise<void> } {
  const id = uniqueId();
  const proc = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HTTP_PORT: '0',
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      MONGO_URL: TEST_MONGO_URL,
      MONGO_DB: `test_${id}`,
      KAFKA_GROUP_ID: `test-${id}`,
      KAFKA_FROM_BEGINNING: 'false',
    },
    // A pipe, as under an orchestrator: writes to it are asynchronous and are what got lost.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60000);
    const check = () => {
      if (/listening on http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.on('exit', () => reject(new Error(`exited before listening:\n${out}`)));
  });
  return { proc, output: () => out, listening };
}

const exited = (proc: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );

describe('a graceful stop', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s: exit 0 with the last log line written', async (signal) => {
    const service = startService();
    await service.listening;
    const done = exited(service.proc);
    service.proc.kill(signal);
    const { code, signal: killedBy } = await done;
    expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
    const lines = service.output().trim().split('\n');
    expect(lines[lines.length - 1]).toContain('consumers stopped, outbox flushed, Kafka disconnected');
  }, 90000);
});
