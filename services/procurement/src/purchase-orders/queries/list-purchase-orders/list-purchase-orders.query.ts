import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { SupplierFilterQuery } from '../../../common/supplier-filter.query';

export class ListPurchaseOrdersQuery extends SupplierFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the orders of this procurement run' })
  @IsOptional()
  @IsUUID('all', { message: 'runId must be a UUID' })
  runId?: string;
}
