import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Clock, CLOCK, CurrentPrincipal, derivedId, DomainError, isDomainError, parseUtcDateTime, Principal, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { assertActsFor } from '../../../common/access';
import { ProcurementSettings } from '../../../procurement.settings';
import { PurchaseOrderRepository } from '../../../purchase-orders/purchase-order.repository';
import { SupplierRepository } from '../../../suppliers/supplier.repository';
import { assertCurrency } from '../../invoice-amounts';
import { SupplierInvoice } from '../../supplier-invoice';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceView, toInvoiceView } from '../../supplier-invoice.view';
import { SubmitInvoiceRequest } from './submit-invoice.request';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class SubmitInvoiceController {
  constructor(
    private readonly invoices: SupplierInvoiceRepository,
    private readonly orders: PurchaseOrderRepository,
    private readonly suppliers: SupplierRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('supplier', 'finance', 'ops')
  @ApiOperation({
    summary: 'Submit a supplier invoice; it is matched against its purchase order and receipts at once.',
    description:
      'Matched (SupplierInvoiceMatched, due after the payment terms) or held with the differing lines (SupplierInvoiceHeld) until a credit note or correction. 409 for an invoice number the supplier used before.',
  })
  @ApiCreatedResponse({ type: SupplierInvoiceView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async submit(@Body() body: SubmitInvoiceRequest, @CurrentPrincipal() caller: Principal): Promise<SupplierInvoiceView> {
    assertActsFor(caller, body.supplierId);
    const supplier = await this.suppliers.get(body.supplierId);
    const order = await this.orders.find(body.purchaseOrderId);
    if (!order) throw DomainError.rule('purchaseOrderId', 'no such purchase order');
    assertCurrency(body.lines.map((l) => l.unitCost), order.currency, (i) => `lines[${i}].unitCost.currency`);
    const lines = body.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitCost: l.unitCost.amount }));
    const id = derivedId('supplier-invoice', body.supplierId, body.supplierInvoiceNumber);
    const input = { supplierInvoiceNumber: body.supplierInvoiceNumber, invoiceDate: parseUtcDateTime(body.invoiceDate), lines };
    const created = SupplierInvoice.submit(id, input, supplier, order, this.settings.PROCUREMENT_INVOICE_TOLERANCE_BPS, this.clock.now());
    if (isDomainError(created)) throw created;
    if (!(await this.invoices.insert(created.state, created.events)))
      throw DomainError.conflict(`invoice ${body.supplierInvoiceNumber} of this supplier was submitted before`);
    return toInvoiceView(created.state);
  }
}
