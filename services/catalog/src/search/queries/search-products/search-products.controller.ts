import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError } from '@netdirect/runtime';
import { BadCursor } from '../../product-search';
import { SearchIndexService } from '../../search-index.service';
import { ProductSearchPageView, toListedView } from '../../search.view';
import { SearchProductsQuery } from './search-products.query';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class SearchProductsController {
  constructor(private readonly index: SearchIndexService) {}

  @Get()
  @ApiOperation({
    summary: "The mall's listing and search (any authenticated caller): products on sale, in cursor pages.",
    description:
      'Served from each replica’s in-memory index, current within moments with changes made through any replica. With q: the best 1000 matches at most are ranked and paged. A cursor from another sort or not from this service is 422.',
  })
  @ApiOkResponse({ type: ProductSearchPageView })
  @ApiErrors(400, 401, 422)
  async search(@Query() query: SearchProductsQuery): Promise<ProductSearchPageView> {
    try {
      const page = await this.index.search({
        q: query.q,
        category: query.category,
        minPrice: query.minPrice,
        maxPrice: query.maxPrice,
        sort: query.sort,
        cursor: query.cursor,
        limit: query.limit ?? 20,
      });
      return { items: page.items.map(toListedView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    } catch (e) {
      // Any string of the documented alphabet is a well-formed cursor; one this service did not issue is a 422.
      if (e instanceof BadCursor) throw DomainError.rule('cursor', e.message);
      throw e;
    }
  }
}
