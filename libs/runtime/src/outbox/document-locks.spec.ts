import { DocumentLocks } from './document-locks';

const tick = () => new Promise((r) => setImmediate(r));

describe('DocumentLocks', () => {
  it('runs work on one key one at a time, in arrival order', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const job = (name: string) =>
      locks.run('members:a', async () => {
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
      });
    await Promise.all([job('1'), job('2'), job('3')]);
    expect(log).toEqual(['1+', '1-', '2+', '2-', '3+', '3-']);
  });

  it('lets different keys run side by side', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const job = (key: string) =>
      locks.run(key, async () => {
        log.push(`${key}+`);
        await tick();
        log.push(`${key}-`);
      });
    await Promise.all([job('a'), job('b')]);
    expect(log).toEqual(['a+', 'b+', 'a-', 'b-']);
  });

  it('is re-entrant within one call chain, and releases after a failure', async () => {
    const locks = new DocumentLocks();
    const inner = await locks.run('k', () => locks.run('k', async () => locks.isHeld('k')));
    expect(inner).toBe(true);
    await expect(locks.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.run('k', async () => 'free again')).toBe('free again');
    expect(locks.isHeld('k')).toBe(false);
  });

  it('takes several keys without two callers waiting on each other', async () => {
    const locks = new DocumentLocks();
    const seen: string[] = [];
    await Promise.all([
      locks.runAll(['x', 'y'], async () => {
        await tick();
        seen.push('xy');
      }),
      locks.runAll(['y', 'x'], async () => {
        seen.push(locks.isHeld('x') && locks.isHeld('y') ? 'yx-holds-both' : 'missing');
      }),
      locks.run('y', async () => seen.push('y')),
    ]);
    // All finish (no deadlock); the two multi-key callers run in arrival order, each holding both keys.
    expect(seen).toHaveLength(3);
    expect(seen.indexOf('xy')).toBeLessThan(seen.indexOf('yx-holds-both'));
  });
});
