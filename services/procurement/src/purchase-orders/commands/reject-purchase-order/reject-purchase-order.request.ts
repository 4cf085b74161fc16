import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RejectPurchaseOrderRequest {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Production line closed until April' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
