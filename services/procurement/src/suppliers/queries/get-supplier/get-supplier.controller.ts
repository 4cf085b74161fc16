import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { assertActsFor } from '../../../common/access';
import { IdParam } from '../../../common/id.param';
import { SupplierRepository } from '../../supplier.repository';
import { SupplierView, toSupplierView } from '../../supplier.view';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class GetSupplierController {
  constructor(private readonly repo: SupplierRepository) {}

  @Get(':id')
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: 'One supplier; a supplier user reads only its own (403 otherwise).' })
  @ApiOkResponse({ type: SupplierView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<SupplierView> {
    assertActsFor(caller, id);
    return toSupplierView(await this.repo.get(id));
  }
}
