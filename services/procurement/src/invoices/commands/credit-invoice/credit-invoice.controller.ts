import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, CurrentPrincipal, Principal, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProcurementSettings } from '../../../procurement.settings';
import { PurchaseOrderRepository } from '../../../purchase-orders/purchase-order.repository';
import { assertCurrency } from '../../invoice-amounts';
import { SupplierInvoice } from '../../supplier-invoice';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceView, toInvoiceView } from '../../supplier-invoice.view';
import { CreditInvoiceRequest } from './credit-invoice.request';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class CreditInvoiceController {
  constructor(
    private readonly invoices: SupplierInvoiceRepository,
    private readonly orders: PurchaseOrderRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/credit-notes')
  @HttpCode(200)
  @Roles('supplier', 'finance')
  @ApiOperation({ summary: 'Book a credit note against an invoice (its supplier or finance); the match runs again, so a held invoice may become matched.' })
  @ApiOkResponse({ type: SupplierInvoiceView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async credit(@Param() { id }: IdParam, @Body() body: CreditInvoiceRequest, @CurrentPrincipal() caller: Principal): Promise<SupplierInvoiceView> {
    const invoice = await this.invoices.readable(id, caller);
    assertCurrency(body.lines.map((l) => l.amount), invoice.currency, (i) => `lines[${i}].amount.currency`);
    const note = { creditNoteId: body.creditNoteId, lines: body.lines.map((l) => ({ skuId: l.skuId, amount: l.amount.amount })) };
    const order = await this.orders.get(invoice.purchaseOrderId);
    const tolerance = this.settings.PROCUREMENT_INVOICE_TOLERANCE_BPS;
    return toInvoiceView(await this.invoices.change(id, (s) => SupplierInvoice.credit(s, note, order, tolerance, this.clock.now())));
  }
}
