import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SUPPLIER_STATUSES, SupplierStatus } from '../../supplier';

export class ChangeSupplierStatusRequest {
  @ApiProperty({ enum: SUPPLIER_STATUSES, description: 'A suspended supplier gets no purchase orders from runs' })
  @IsIn(SUPPLIER_STATUSES)
  status: SupplierStatus;
}
