import fc from 'fast-check';
import { pathAfterMove, pathWithout, samePath, wouldCreateCycle } from './upline-rewrite';

describe('upline rewrites', () => {
  it('drops a terminated member from a descendant path', () => {
    expect(pathWithout(['c', 'b', 'a', 'root'], 'a')).toEqual(['c', 'b', 'root']);
  });

  it('keeps the path down to the moved member and replaces what is above it', () => {
    expect(pathAfterMove(['c', 'b', 'a', 'root'], 'b', ['x', 'root'])).toEqual(['c', 'b', 'x', 'root']);
    expect(pathAfterMove(['c', 'root'], 'b', ['x'])).toBeNull();
  });

  it('refuses a sponsor inside the member’s own subtree or the member itself', () => {
    expect(wouldCreateCycle('a', 'a', [])).toBe(true);
    expect(wouldCreateCycle('a', 'c', ['b', 'a', 'root'])).toBe(true);
    expect(wouldCreateCycle('a', 'x', ['root'])).toBe(false);
  });

  it('a moved path is the old prefix plus the new upline, and never repeats an id', () => {
    const id = fc.uuid();
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { minLength: 2, maxLength: 30 }),
        fc.uniqueArray(id, { maxLength: 30 }),
        fc.nat(),
        (path, fresh, k) => {
          const at = k % path.length;
          const newUpline = fresh.filter((x) => !path.includes(x));
          const moved = pathAfterMove(path, path[at], newUpline)!;
          expect(moved.slice(0, at + 1)).toEqual(path.slice(0, at + 1));
          expect(moved.slice(at + 1)).toEqual(newUpline);
          expect(new Set(moved).size).toBe(moved.length);
          expect(samePath(pathWithout(path, path[at]), [...path.slice(0, at), ...path.slice(at + 1)])).toBe(
            true,
          );
        },
      ),
    );
  });
});
