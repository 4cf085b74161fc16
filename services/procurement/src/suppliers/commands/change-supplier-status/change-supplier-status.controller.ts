import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { Supplier } from '../../supplier';
import { SupplierRepository } from '../../supplier.repository';
import { SupplierView, toSupplierView } from '../../supplier.view';
import { ChangeSupplierStatusRequest } from './change-supplier-status.request';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class ChangeSupplierStatusController {
  constructor(private readonly repo: SupplierRepository) {}

  @Put(':id/status')
  @Roles('ops')
  @ApiOperation({ summary: 'Suspend or reactivate a supplier (ops).' })
  @ApiOkResponse({ type: SupplierView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  async change(@Param() { id }: IdParam, @Body() body: ChangeSupplierStatusRequest): Promise<SupplierView> {
    return toSupplierView(await this.repo.change(id, (s) => Supplier.changeStatus(s, body.status)));
  }
}
