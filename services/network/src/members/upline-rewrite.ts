/**
 * Pure rules for rewriting upline paths when the tree changes above a member.
 * Paths are nearest first: `path[0]` is the sponsor, the last entry the root.
 */

/** A member below `removed` after `removed` is terminated: it drops out of the path. */
export function pathWithout(path: readonly string[], removed: string): string[] {
  return path.filter((id) => id !== removed);
}

/**
 * A member below `moved` after `moved` got the upline `movedNewPath`: the part
 * of its path up to and including `moved` stays, the rest is replaced.
 * Returns null when `moved` is not in the path.
 */
export function pathAfterMove(
  path: readonly string[],
  moved: string,
  movedNewPath: readonly string[],
): string[] | null {
  const at = path.indexOf(moved);
  if (at < 0) return null;
  return [...path.slice(0, at + 1), ...movedNewPath];
}

/** Whether placing `member` under `newSponsor` (with `newSponsorPath`) would make a member its own ancestor. */
export function wouldCreateCycle(
  member: string,
  newSponsor: string,
  newSponsorPath: readonly string[],
): boolean {
  return newSponsor === member || newSponsorPath.includes(member);
}

/** Whether two paths are the same sequence. */
export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
