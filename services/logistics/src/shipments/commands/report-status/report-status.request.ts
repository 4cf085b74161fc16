import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_FAILURE_REASONS } from '@netdirect/contracts';
import { IsUtcDateTime, UTC_DATE_TIME_PATTERN } from '@netdirect/runtime';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FailureReason, REPORTED_STATUSES, ReportedStatus } from '../../shipment';

/** A provider's status report on one shipment, as it signs and posts it. */
export class StatusReportRequest {
  @ApiProperty({ format: 'uuid', description: 'From ShipmentRequested' })
  @IsUUID('all', { message: 'shipmentId must be the UUID from ShipmentRequested' })
  shipmentId: string;

  @ApiProperty({ enum: REPORTED_STATUSES })
  @IsIn(REPORTED_STATUSES)
  status: ReportedStatus;

  @ApiProperty({ pattern: UTC_DATE_TIME_PATTERN, example: '2026-03-01T09:30:00Z', description: 'When it happened, by the provider; reports are applied in this order' })
  @IsUtcDateTime()
  occurredAt: string;

  @ApiProperty({ minLength: 1, maxLength: 128, example: 'JJD0001234567', description: "The provider's own reference for the shipment" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  providerReference: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, description: 'Proof of delivery (signature or photo reference); required with delivered' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  proofReference?: string | null;

  @ApiPropertyOptional({ type: String, enum: SHIPMENT_FAILURE_REASONS, nullable: true, description: 'Required with failed' })
  @IsOptional()
  @IsIn(SHIPMENT_FAILURE_REASONS)
  reason?: FailureReason | null;

  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, description: 'Depot or city' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: String, pattern: UTC_DATE_TIME_PATTERN, nullable: true, description: 'With accepted' })
  @IsOptional()
  @IsUtcDateTime()
  estimatedDeliveryAt?: string | null;
}
