import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** An amount in a request: integer minor units, not negative, and a currency (the platform's, else 422). */
export class MoneyInput {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 800, description: 'Minor units (800 = 8.00 EUR)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR', description: 'ISO 4217; must be the platform currency (422 otherwise)' })
  @Matches(/^[A-Z]{3}$/)
  currency: string;
}

export class MoneyView {
  @ApiProperty({ type: 'integer', example: 800, description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' }) currency: string;
}

export const moneyOf = (amount: number, currency: string): MoneyView => ({ amount, currency });
