import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { moneyOf } from '../../../common/money';
import { SupplierRepository } from '../../../suppliers/supplier.repository';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { paymentRunCsv } from './payment-run.csv';
import { PayableListView, toPayableView } from './payable.view';
import { endOfDay, PayablesQuery } from './payables.query';

@ApiTags('payables')
@ApiBearerAuth()
@Controller('v1')
export class PayablesController {
  constructor(
    private readonly invoices: SupplierInvoiceRepository,
    private readonly suppliers: SupplierRepository,
  ) {}

  @Get('payables')
  @Roles('finance', 'ops')
  @ApiOperation({ summary: 'Matched, unpaid supplier invoices by due date (invoice date + the supplier’s payment terms), optionally due by a day.' })
  @ApiOkResponse({ type: PayableListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: PayablesQuery): Promise<PayableListView> {
    const due = await this.invoices.payables(endOfDay(query.until));
    const totals = new Map<string, number>();
    for (const i of due) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.amount);
    return { items: due.map(toPayableView), totals: [...totals].map(([c, a]) => moneyOf(a, c)) };
  }

  @Get('payment-runs/export')
  @Roles('finance')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'The payment run as CSV (finance): every matched, unpaid invoice due by the day, one row each, for the bank.',
    description: 'Columns: invoice_id, supplier_id, supplier_name, supplier_invoice_number, due_date, currency, amount_minor. Each is then recorded paid with its bank reference (POST /v1/supplier-invoices/:id/payment).',
  })
  @ApiOkResponse({ description: 'CSV with a header row', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401, 403)
  async export(@Query() query: PayablesQuery): Promise<string> {
    const due = await this.invoices.payables(endOfDay(query.until));
    const names = new Map((await this.suppliers.list()).map((s) => [s._id, s.name]));
    return paymentRunCsv(due, names);
  }
}
