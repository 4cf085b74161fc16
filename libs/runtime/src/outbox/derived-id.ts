import { createHash } from 'node:crypto';

/**
 * A stable UUID-shaped id derived from its parts (name-based, SHA-1, like a
 * version 5 UUID). Give it to {@link EventRecorder.record} when a step may run
 * again after a crash, so the repeated event has the same id and consumers
 * ignore the copy.
 */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
