import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/**
 * The `:id` of a route. Every id this service hands out (suppliers, price
 * lists, runs, purchase orders) is a UUID, so anything else is a 400 naming
 * `id`, before any read.
 */
export class IdParam {
  @ApiProperty({ format: 'uuid', description: 'A UUID as this service returned it' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
