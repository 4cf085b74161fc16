import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class InspectedLineInput {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @ApiProperty({ description: 'False for damaged or opened goods; only resellable units are restocked' })
  @IsBoolean()
  resellable: boolean;
}

/** What came back in a return, as ops inspected it (a SKU may appear twice: some units resellable, some not). */
export class ReceiveReturnRequest {
  @ApiProperty({ type: InspectedLineInput, isArray: true, minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InspectedLineInput)
  lines: InspectedLineInput[];
}
