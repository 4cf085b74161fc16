import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

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

export const PAYMENT_NOTIFICATION_TYPES = ['payment.succeeded'] as const;

/** What a payment provider tells us, signed (Standard Webhooks). */
export class PaymentNotificationRequest {
  @ApiProperty({ enum: PAYMENT_NOTIFICATION_TYPES })
  @IsIn(PAYMENT_NOTIFICATION_TYPES)
  type: (typeof PAYMENT_NOTIFICATION_TYPES)[number];

  @ApiProperty({ minLength: 1, maxLength: 128, description: 'The order the payment is for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  orderId: string;

  @ApiProperty({ minLength: 1, maxLength: 128, description: "The provider's payment id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  paymentId: string;

  @ApiProperty({ type: PaymentAmountInput, description: "Must equal the order's total, else the payment is held for review" })
  @IsDefined()
  @ValidateNested()
  @Type(() => PaymentAmountInput)
  amount: PaymentAmountInput;
}
