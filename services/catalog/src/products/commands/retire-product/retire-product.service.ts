import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { ProductState } from '../../product';
import { ProductRepository } from '../../product.repository';
import { RetireProductRequest } from './retire-product.request';

/** Take SKUs or a whole product off sale (Product.retire). */
@Injectable()
export class RetireProductService {
  constructor(private readonly repo: ProductRepository) {}

  async retire(id: string, request: RetireProductRequest): Promise<ProductState> {
    const change = (await this.repo.get(id)).retire(request.skuIds, request.reason ?? 'Retired by ops', new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change))) throw DomainError.conflict('The product changed meanwhile; read it and try again');
    return change.state;
  }
}
