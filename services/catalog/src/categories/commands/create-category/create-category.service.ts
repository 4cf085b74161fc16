import { Injectable } from '@nestjs/common';
import { DomainError } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { Category, CategoryState } from '../../category';
import { CategoryRepository } from '../../category.repository';
import { CreateCategoryRequest } from './create-category.request';

/** A new category, a root or under an existing parent (Category.create). */
@Injectable()
export class CreateCategoryService {
  constructor(private readonly repo: CategoryRepository) {}

  async create(request: CreateCategoryRequest): Promise<CategoryState> {
    const parent = request.parentId ? await this.repo.find(request.parentId) : null;
    if (request.parentId && !parent) throw DomainError.rule('parentId', 'no such category');
    const state = Category.create(randomUUID(), request.name, parent, new Date());
    await this.repo.insert(state);
    return state;
  }
}
