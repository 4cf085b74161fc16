import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

export class PaymentAmountInput {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 3093, description: 'Minor units' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;
}

export const PAYMENT_NOTIFICATION_TYPES = ['payment.succeeded', 'refund.succeeded', 'refund.failed'] as const;

/** What a payment provider tells us, signed (Standard Webhooks). */
export class PaymentNotificationRequest {
  @ApiProperty({ enum: PAYMENT_NOTIFICATION_TYPES, description: 'A payment, or the outcome of a refund we asked for (GET /v1/payments/refunds)' })
  @IsIn(PAYMENT_NOTIFICATION_TYPES)
  type: (typeof PAYMENT_NOTIFICATION_TYPES)[number];

  @ApiProperty({ minLength: 1, maxLength: 128, description: 'The order the payment is for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  orderId: string;

  @ApiProperty({ minLength: 1, maxLength: 128, description: "The provider's payment id (of the payment a refund pays back)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  paymentId: string;

  @ApiPropertyOptional({ type: PaymentAmountInput, description: "payment.succeeded (required): must equal the order's total, else the payment is held for review" })
  @ValidateIf((n: PaymentNotificationRequest) => n.type === 'payment.succeeded' || n.amount !== undefined)
  @IsDefined()
  @ValidateNested()
  @Type(() => PaymentAmountInput)
  amount?: PaymentAmountInput;

  @ApiPropertyOptional({ minLength: 1, maxLength: 128, description: 'refund.succeeded and refund.failed (required): the refund id we asked with' })
  @ValidateIf((n: PaymentNotificationRequest) => n.type !== 'payment.succeeded' || n.refundId !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  refundId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'refund.failed: why' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
