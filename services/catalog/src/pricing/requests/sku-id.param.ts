import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** The `:skuId` of a pricing route: SKU ids are UUIDs (400 otherwise, before any read). */
export class SkuIdParam {
  @ApiProperty({ format: 'uuid', description: 'A SKU id as the catalog returned it' })
  @IsUUID('all', { message: 'skuId must be a UUID' })
  skuId: string;
}
