import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceView, toInvoiceView } from '../../supplier-invoice.view';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class GetInvoiceController {
  constructor(private readonly invoices: SupplierInvoiceRepository) {}

  @Get(':id')
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: "One supplier invoice with its match; a supplier reads only its own (403 for another's, existing or not)." })
  @ApiOkResponse({ type: SupplierInvoiceView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<SupplierInvoiceView> {
    return toInvoiceView(await this.invoices.readable(id, caller));
  }
}
