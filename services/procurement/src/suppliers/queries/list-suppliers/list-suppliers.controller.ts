import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { SupplierRepository } from '../../supplier.repository';
import { SupplierListView, toSupplierView } from '../../supplier.view';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class ListSuppliersController {
  constructor(private readonly repo: SupplierRepository) {}

  @Get()
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'Every supplier, by id (ops, finance).' })
  @ApiOkResponse({ type: SupplierListView })
  @ApiErrors(401, 403)
  async list(): Promise<SupplierListView> {
    return { items: (await this.repo.list()).map(toSupplierView) };
  }
}
