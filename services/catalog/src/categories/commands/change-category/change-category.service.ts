import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { CategoryState, isWithin } from '../../category';
import { CategoryRepository } from '../../category.repository';
import { ChangeCategoryRequest } from './change-category.request';

/** Rename or move a category (Category.change: no cycles). */
@Injectable()
export class ChangeCategoryService {
  constructor(private readonly repo: CategoryRepository) {}

  async change(id: string, request: ChangeCategoryRequest): Promise<CategoryState> {
    // null for the name means "keep it" (the pipe accepts null for an optional field); for parentId, "make it a root".
    const patch = {
      ...(request?.name != null ? { name: request.name } : {}),
      ...(request?.parentId !== undefined ? { parentId: request.parentId } : {}),
    };
    if (!Object.keys(patch).length) throw DomainError.rule('body', 'give a new name or parentId');
    const category = await this.repo.get(id);
    const change = category.change(patch, await this.repo.tree(), new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change)))
      throw DomainError.conflict('The category changed meanwhile; read it and try again');
    // Two opposite moves at once (A under B, B under A) each pass the check on the tree they read.
    // Without transactions, look again after writing, and take our move back if the tree now has a cycle.
    const { parentId } = change.set;
    if (parentId && parentId !== category.state.parentId && isWithin(parentId, id, await this.repo.tree())) {
      await this.repo.apply({
        categoryId: id,
        expectedRevision: change.expectedRevision + 1,
        set: { name: category.state.name, parentId: category.state.parentId, updatedAt: change.set.updatedAt },
      });
      throw DomainError.conflict('Another move made this one a cycle; read the tree and try again');
    }
    return (await this.repo.get(id)).state;
  }
}
