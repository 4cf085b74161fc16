import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ReturnLineInput {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'L1', description: "A line of the order (422 naming the line otherwise)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  lineId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 1, description: 'Units; more than the line still has to return is 422' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

/** Units of an order's lines to send back, and why. */
export class RequestReturnRequest {
  @ApiProperty({ type: ReturnLineInput, isArray: true, minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineInput)
  lines: ReturnLineInput[];

  @ApiProperty({ minLength: 1, maxLength: 1000, example: 'Does not fit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
