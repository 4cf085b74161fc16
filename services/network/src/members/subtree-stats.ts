import type { MemberKind, MemberStatus } from './member';

/**
 * What the stats of a subtree count. The member asked about is not counted:
 * `size` is its downline. Terminated positions stay recorded where they were
 * but sell and sponsor no more, so they are counted apart and in nothing else.
 */
export interface SubtreeStats {
  /** Members below, active or suspended (the member itself and terminated positions excluded). */
  size: number;
  /** Of `size`, operators. */
  operators: number;
  /** Of `size`, consumers. */
  consumers: number;
  /** Terminated positions below, counted apart from `size`. */
  terminated: number;
  /** Levels below the member down to the deepest member counted in `size` (0 without one). */
  depth: number;
}

/** One member below the root, with only what the stats read. */
export type SubtreeRow = { kind: MemberKind; status: MemberStatus; depth: number };

/**
 * Counts a subtree one member at a time, so the caller can stream the members
 * from a cursor and never hold the subtree in memory.
 */
export class SubtreeCounter {
  private readonly counts: Omit<SubtreeStats, 'depth'> = { size: 0, operators: 0, consumers: 0, terminated: 0 };
  private deepest: number;

  constructor(private readonly rootDepth: number) {
    this.deepest = rootDepth;
  }

  add(row: SubtreeRow): void {
    if (row.status === 'terminated') {
      this.counts.terminated++;
      return;
    }
    this.counts.size++;
    if (row.kind === 'operator') this.counts.operators++;
    else this.counts.consumers++;
    if (row.depth > this.deepest) this.deepest = row.depth;
  }

  result(): SubtreeStats {
    return { ...this.counts, depth: this.deepest - this.rootDepth };
  }
}
