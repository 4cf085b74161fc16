import { ApiProperty } from '@nestjs/swagger';
import { SUPPLIER_STATUSES, SupplierState, SupplierStatus } from './supplier';

export class SupplierView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Alpenkraut GmbH' }) name: string;
  @ApiProperty({ example: 'AT', pattern: '^[A-Z]{2}$' }) country: string;
  @ApiProperty({ format: 'email' }) orderEmail: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365 }) paymentTermsDays: number;
  @ApiProperty({ enum: SUPPLIER_STATUSES }) status: SupplierStatus;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

export class SupplierListView {
  @ApiProperty({ type: SupplierView, isArray: true }) items: SupplierView[];
}

export const toSupplierView = (s: SupplierState): SupplierView => ({
  id: s._id,
  name: s.name,
  country: s.country,
  orderEmail: s.orderEmail,
  currency: s.currency,
  paymentTermsDays: s.paymentTermsDays,
  status: s.status,
  registeredAt: new Date(s.registeredAt).toISOString(),
});
