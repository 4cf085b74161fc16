import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * In-process, per-document write serialisation.
 *
 * MongoDB applies a single-document update atomically. FerretDB v1 on SQLite
 * does not: an update is a read, a change in Go and a whole-document write
 * (`handler/msg_update.go`), so two concurrent updates of one document lose one
 * of them (200 concurrent `$inc` of one field left it at 7 here). Every update
 * by `_id` of an aggregate that uses {@link outboxPlugin} therefore takes this
 * lock for its document, which makes the embedded store correct for one
 * instance of a service; on MongoDB it only orders writes that would be
 * ordered anyway.
 *
 * Locks are re-entrant within one async call chain, so a use case can hold a
 * document's lock across a read-check-write with {@link DocumentLocks.run} and
 * the writes inside still pass the plugin's own locking.
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly held = new AsyncLocalStorage<ReadonlySet<string>>();

  /** Run `work` while holding the lock of `key` (for example `members:<id>`). */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.isHeld(key)) return work();
    const release = await this.acquire(key);
    const held = new Set(this.held.getStore() ?? []);
    held.add(key);
    try {
      return await this.held.run(held, work);
    } finally {
      release();
    }
  }

  /**
   * Run `work` holding every key (taken in sorted order, so two callers never
   * wait for each other in a cycle).
   */
  async runAll<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const mine = [...new Set(keys)].filter((k) => !this.isHeld(k)).sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of mine) releases.push(await this.acquire(key));
      const held = new Set([...(this.held.getStore() ?? []), ...mine]);
      return await this.held.run(held, work);
    } finally {
      for (const release of releases) release();
    }
  }

  /** Whether the current async call chain holds `key`. */
  isHeld(key: string): boolean {
    return this.held.getStore()?.has(key) ?? false;
  }

  /** Wait for `key` and return the function that releases it. */
  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

/** The process-wide document locks (one per process, like the database connection). */
export const documentLocks = new DocumentLocks();
