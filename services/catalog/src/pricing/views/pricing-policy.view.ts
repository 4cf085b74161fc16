import { ApiProperty } from '@nestjs/swagger';

/** One pricing policy version (immutable). Rates in basis points. */
export class PricingPolicyView {
  @ApiProperty({ type: 'integer', minimum: 1 }) version: number;
  @ApiProperty({ type: 'integer' }) memberMarkupBps: number;
  @ApiProperty({ type: 'integer' }) retailMarkupBps: number;
  @ApiProperty({ type: 'integer' }) bvShareBps: number;
  @ApiProperty({ type: 'integer' }) minPlatformMarkupBps: number;
  @ApiProperty({ type: 'integer' }) retailShareBps: number;
  @ApiProperty({ type: 'integer' }) marginShareBps: number;
  @ApiProperty({ type: 'integer' }) repricingThresholdBps: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() createdBy: string;
}
