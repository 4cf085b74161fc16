import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { supplierFilter } from '../../../common/access';
import { SupplierFilterQuery } from '../../../common/supplier-filter.query';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceListView, toInvoiceView } from '../../supplier-invoice.view';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class ListInvoicesController {
  constructor(private readonly invoices: SupplierInvoiceRepository) {}

  @Get()
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: 'Supplier invoices, newest first (at most 500); a supplier user sees only its own (naming another supplier is 403).' })
  @ApiOkResponse({ type: SupplierInvoiceListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: SupplierFilterQuery, @CurrentPrincipal() caller: Principal): Promise<SupplierInvoiceListView> {
    return { items: (await this.invoices.list(supplierFilter(caller, query.supplierId), 500)).map(toInvoiceView) };
  }
}
