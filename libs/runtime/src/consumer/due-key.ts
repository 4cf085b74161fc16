/*
 * Keys that order parked messages by due time, and a pattern that selects the
 * ones due, both answerable from a unique index alone. The embedded store
 * reads the whole collection for a range filter, but answers a regular
 * expression on a single-field unique index from the index's keys; MongoDB
 * scans the index too. So a poll touches the keys of the parked messages and
 * reads only the documents that are due.
 */

const WIDTH = 15; // milliseconds since the epoch, zero-padded: string order is time order until the year 33658

/** Zero-padded time, so that comparing strings compares times. */
export function paddedTime(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error(`not a time: ${ms}`);
  return String(ms).padStart(WIDTH, '0');
}

/** The due key of a parked message: its due time, then its id (which makes the key unique). */
export function dueKey(dueAtMs: number, id: string): string {
  return `${paddedTime(dueAtMs)}|${id}`;
}

/** The due time a {@link dueKey} carries. */
export function dueTimeOf(key: string): number {
  return Number(key.slice(0, WIDTH));
}

/**
 * A regular expression matching exactly the due keys whose time is before
 * `beforeMs`: for each digit of the padded time, the keys that share the digits
 * before it and have a smaller one there.
 */
export function dueBeforePattern(beforeMs: number): string {
  const t = paddedTime(beforeMs);
  const alternatives: string[] = [];
  for (let i = 0; i < WIDTH; i++) {
    const digit = Number(t[i]);
    if (digit > 0) alternatives.push(`${t.slice(0, i)}[0-${digit - 1}]`);
  }
  return alternatives.length ? `^(?:${alternatives.join('|')})` : '^(?!)';
}

/**
 * Delay before the next try of a parked message (attempt counts from 1):
 * doubling from `baseMs` up to `capMs`, with ±20 % jitter so that replicas
 * and messages parked together spread out.
 */
export function deferDelayMs(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.min(30, attempt - 1));
  return Math.max(1, Math.round(exp + exp * 0.2 * (random() * 2 - 1)));
}
