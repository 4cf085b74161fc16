import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class SupplierFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this supplier's; a supplier user gets its own, and naming another is 403" })
  @IsOptional()
  @IsUUID('all', { message: 'supplierId must be a UUID' })
  supplierId?: string;
}
