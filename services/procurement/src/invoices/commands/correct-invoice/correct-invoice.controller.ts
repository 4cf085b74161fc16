import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, CurrentPrincipal, Principal, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProcurementSettings } from '../../../procurement.settings';
import { PurchaseOrderRepository } from '../../../purchase-orders/purchase-order.repository';
import { assertCurrency } from '../../invoice-amounts';
import { InvoiceLinesInput } from '../../invoice.request-parts';
import { SupplierInvoice } from '../../supplier-invoice';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceView, toInvoiceView } from '../../supplier-invoice.view';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class CorrectInvoiceController {
  constructor(
    private readonly invoices: SupplierInvoiceRepository,
    private readonly orders: PurchaseOrderRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':id/lines')
  @Roles('supplier', 'finance')
  @ApiOperation({ summary: "Correct a held invoice's lines (its supplier or finance); the match runs again. Only a held invoice (422 otherwise)." })
  @ApiOkResponse({ type: SupplierInvoiceView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async correct(@Param() { id }: IdParam, @Body() body: InvoiceLinesInput, @CurrentPrincipal() caller: Principal): Promise<SupplierInvoiceView> {
    const invoice = await this.invoices.readable(id, caller);
    assertCurrency(body.lines.map((l) => l.unitCost), invoice.currency, (i) => `lines[${i}].unitCost.currency`);
    const lines = body.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitCost: l.unitCost.amount }));
    const order = await this.orders.get(invoice.purchaseOrderId);
    const tolerance = this.settings.PROCUREMENT_INVOICE_TOLERANCE_BPS;
    return toInvoiceView(await this.invoices.change(id, (s) => SupplierInvoice.correct(s, lines, order, tolerance, this.clock.now())));
  }
}
