import { ApiProperty } from '@nestjs/swagger';
import { MoneyView, moneyOf } from '../../../common/money';
import { SupplierInvoiceState } from '../../supplier-invoice';

export class PayableView {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierInvoiceNumber: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ format: 'date-time' }) dueDate: string;
}

export class PayableListView {
  @ApiProperty({ type: PayableView, isArray: true }) items: PayableView[];
  @ApiProperty({ type: MoneyView, isArray: true, description: 'Sum per currency' }) totals: MoneyView[];
}

export function toPayableView(s: SupplierInvoiceState): PayableView {
  return {
    invoiceId: s._id,
    supplierId: s.supplierId,
    supplierInvoiceNumber: s.supplierInvoiceNumber,
    amount: moneyOf(s.amount, s.currency),
    dueDate: new Date(s.dueDate!).toISOString(),
  };
}
