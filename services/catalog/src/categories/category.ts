import { DomainError } from '@netdirect/runtime';

/*
 * A category of the mall: a node of one tree (roots have no parent). Plain
 * code; the whole tree is small (hundreds of nodes), so rules that need it
 * (no cycle) take it in memory.
 */

export interface CategoryState {
  _id: string;
  name: string;
  parentId: string | null;
  /** Compare-and-set token: every write increments it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A change of one category, written only while its stored revision is still `expectedRevision`. */
export interface CategoryChange {
  categoryId: string;
  expectedRevision: number;
  set: Pick<CategoryState, 'name' | 'parentId' | 'updatedAt'>;
}

/** The parent links of the whole tree, for cycle checks and subtrees. */
export type ParentOf = ReadonlyMap<string, string | null>;

export class Category {
  private constructor(readonly state: Readonly<CategoryState>) {}

  static from(state: CategoryState): Category {
    return new Category(state);
  }

  get id(): string {
    return this.state._id;
  }

  /** A new category under `parent` (a root when null). */
  static create(id: string, name: string, parent: Category | null, at: Date): CategoryState {
    return { _id: id, name, parentId: parent?.id ?? null, revision: 0, createdAt: at, updatedAt: at };
  }

  /**
   * Rename and/or move under another parent (`null`: make it a root). A move
   * under itself or anything below it would make a cycle: refused.
   */
  change(
    patch: { name?: string; parentId?: string | null },
    tree: ParentOf,
    at: Date,
  ): CategoryChange | DomainError {
    const parentId = patch.parentId === undefined ? this.state.parentId : patch.parentId;
    if (parentId !== null) {
      if (!tree.has(parentId)) return DomainError.rule('parentId', 'no such category');
      if (isWithin(parentId, this.id, tree))
        return DomainError.rule('parentId', 'the new parent is the category itself or below it; that would make a cycle');
    }
    return {
      categoryId: this.id,
      expectedRevision: this.state.revision,
      set: { name: patch.name ?? this.state.name, parentId, updatedAt: at },
    };
  }
}

/** True if `id` is `ancestor` or lies below it. Bounded by the tree's size, so a corrupt cycle cannot loop. */
export function isWithin(id: string, ancestor: string, tree: ParentOf): boolean {
  let at: string | null | undefined = id;
  for (let steps = 0; at && steps <= tree.size; steps++) {
    if (at === ancestor) return true;
    at = tree.get(at);
  }
  return false;
}

/** `root` and every category below it. */
export function subtreeOf(root: string, tree: ParentOf): Set<string> {
  const children = new Map<string, string[]>();
  for (const [id, parent] of tree) if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  const out = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The names from the root down to `id` (the words a product in it is found by). */
export function pathNames(id: string, tree: ParentOf, names: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  let at: string | null | undefined = id;
  for (let steps = 0; at && steps <= tree.size; steps++) {
    const name = names.get(at);
    if (name !== undefined) out.unshift(name);
    at = tree.get(at);
  }
  return out;
}
