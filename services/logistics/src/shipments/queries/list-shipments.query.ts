import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PROVIDER_ID } from '../../providers/commands/register-provider/register-provider.request';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../shipment';

export class ListShipmentsQuery {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  orderId?: string;

  @ApiPropertyOptional({ pattern: PROVIDER_ID.source, description: 'A provider always sees only its own; naming another is 403' })
  @IsOptional()
  @Matches(PROVIDER_ID, { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES, description: 'unroutable: the queue of shipments no provider can take' })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  status?: ShipmentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor must be a nextCursor this service returned' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
