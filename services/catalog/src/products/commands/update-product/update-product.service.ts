import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../categories/category.repository';
import { ProductState } from '../../product';
import { ProductRepository } from '../../product.repository';
import { PriceRulesProvider } from '../../price-rules.provider';
import { UpdateProductRequest } from './update-product.request';

/** Change a product's description, SKUs or hand-set prices, or add draft SKUs (Product.update). */
@Injectable()
export class UpdateProductService {
  constructor(
    private readonly repo: ProductRepository,
    private readonly categories: CategoryRepository,
    private readonly prices: PriceRulesProvider,
  ) {}

  async update(id: string, request: UpdateProductRequest): Promise<ProductState> {
    const product = await this.repo.get(id);
    if (request.categoryId && !(await this.categories.find(request.categoryId)))
      throw DomainError.rule('categoryId', 'no such category');
    const change = product.update(request, this.prices.rules, randomUUID, new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change))) throw DomainError.conflict('The product changed meanwhile; read it and try again');
    return change.state;
  }
}
