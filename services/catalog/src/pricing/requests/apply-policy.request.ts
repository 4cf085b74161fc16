import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

/** SKUs to give their first price under a policy version (the current one unless named). */
export class ApplyPolicyRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 200,
    uniqueItems: true,
    description: 'SKU ids (UUIDs)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  skuIds: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000000000,
    description: 'The version to apply; the current one when absent',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000000)
  version?: number | null;
}
