import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** The `:id` of a product route: product ids are UUIDs (400 otherwise, before any read). */
export class ProductIdParam {
  @ApiProperty({ format: 'uuid', description: 'A product id as the catalog returned it' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
