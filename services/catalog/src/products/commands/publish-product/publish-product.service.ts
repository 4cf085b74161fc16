import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { ProductState } from '../../product';
import { ProductRepository } from '../../product.repository';

/** Put a product and its draft SKUs on sale (Product.publish). */
@Injectable()
export class PublishProductService {
  constructor(private readonly repo: ProductRepository) {}

  async publish(id: string): Promise<ProductState> {
    const change = (await this.repo.get(id)).publish(new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change))) throw DomainError.conflict('The product changed meanwhile; read it and try again');
    return change.state;
  }
}
