import { ApiProperty } from '@nestjs/swagger';

/** An amount: integer minor units and an ISO 4217 currency. */
export class MoneyView {
  @ApiProperty({ type: 'integer', example: 1500 }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}
