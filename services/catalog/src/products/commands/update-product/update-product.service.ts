import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../categories/category.repository';
import { ProductPatch, ProductState } from '../../product';
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
    const patch = toPatch(request ?? {});
    if (!Object.values(patch).some((v) => v !== undefined)) throw DomainError.rule('body', 'nothing to change');
    const product = await this.repo.get(id);
    if (request.categoryId && !(await this.categories.find(request.categoryId)))
      throw DomainError.rule('categoryId', 'no such category');
    const change = product.update(patch, this.prices.rules, randomUUID, new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change))) throw DomainError.conflict('The product changed meanwhile; read it and try again');
    return change.state;
  }
}

/**
 * The request as a patch. An optional field may come as null (the pipe
 * accepts it, as the document says): for every field but `description`,
 * which may be cleared, null means "leave it", never "set it to null".
 */
function toPatch(request: UpdateProductRequest): ProductPatch {
  const present = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== null || k === 'description')) as T;
  const patch = present(request);
  return {
    ...patch,
    ...(patch.skus ? { skus: patch.skus.map((k) => present(k)) } : {}),
  };
}
