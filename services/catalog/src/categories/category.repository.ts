import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Category, CategoryChange, CategoryState, ParentOf } from './category';
import { CATEGORY_MODEL } from './category.schema';

/** Where categories are kept: reads by `_id`, the whole tree, and compare-and-set changes. */
@Injectable()
export class CategoryRepository {
  constructor(@InjectModel(CATEGORY_MODEL) private readonly categories: Model<CategoryState>) {}

  async find(id: string): Promise<Category | null> {
    const state = await this.categories.collection.findOne<CategoryState>({ _id: id as never });
    return state ? Category.from(state) : null;
  }

  async get(id: string): Promise<Category> {
    const category = await this.find(id);
    if (!category) throw DomainError.notFound(`No category ${id}`);
    return category;
  }

  /** Every category, sorted by name. The tree is small; one read. */
  async all(): Promise<CategoryState[]> {
    const rows = await this.categories.collection.find<CategoryState>({}).toArray();
    return rows.sort((a, b) => a.name.localeCompare(b.name) || a._id.localeCompare(b._id));
  }

  /** The parent links of the whole tree. */
  async tree(): Promise<ParentOf> {
    return new Map((await this.all()).map((c) => [c._id, c.parentId]));
  }

  async insert(state: CategoryState): Promise<void> {
    await this.categories.collection.insertOne(state as never);
  }

  /** Apply a change by compare-and-set on the revision; false if the category changed meanwhile. */
  async apply(change: CategoryChange): Promise<boolean> {
    const res = await this.categories.collection.updateOne(
      { _id: change.categoryId as never, revision: change.expectedRevision },
      { $set: { ...change.set }, $inc: { revision: 1 } },
    );
    return res.matchedCount === 1;
  }
}
