import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../categories/category.repository';
import { Product, ProductState } from '../../product';
import { ProductRepository } from '../../product.repository';
import { PriceRulesProvider } from '../../price-rules.provider';
import { CreateProductRequest } from './create-product.request';

/** A new draft product in an existing category (Product.create). */
@Injectable()
export class CreateProductService {
  constructor(
    private readonly repo: ProductRepository,
    private readonly categories: CategoryRepository,
    private readonly prices: PriceRulesProvider,
  ) {}

  async create(request: CreateProductRequest): Promise<ProductState> {
    if (!(await this.categories.find(request.categoryId))) throw DomainError.rule('categoryId', 'no such category');
    const state = Product.create(randomUUID(), request, this.prices.rules, randomUUID, new Date());
    if (isDomainError(state)) throw state;
    await this.repo.insert(state);
    return state;
  }
}
