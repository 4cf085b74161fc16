import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { netDemand } from '../../demand';
import { DemandRepository } from '../../demand.repository';
import { OpenDemandView } from './open-demand.view';
import { SkuIdParam } from './sku-id.param';

@ApiTags('demand')
@ApiBearerAuth()
@Controller('v1/demand')
export class GetDemandController {
  constructor(private readonly demand: DemandRepository) {}

  @Get(':skuId')
  @Roles('ops')
  @ApiOperation({ summary: "A SKU's open demand, waiting for the next run (before what is on order is subtracted)." })
  @ApiOkResponse({ type: OpenDemandView })
  @ApiErrors(400, 401, 403)
  async get(@Param() { skuId }: SkuIdParam): Promise<OpenDemandView> {
    const entries = (await this.demand.find(skuId))?.entries ?? {};
    const { reorder, unmet, shortfall } = netDemand(entries, 0);
    return { skuId, reorder, unmet, shortfall, signals: Object.keys(entries).length };
  }
}
