import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ListSavingsQuery {
  @ApiPropertyOptional({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', example: '2026-03', description: 'Only this month (UTC)' })
  @IsOptional()
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { message: 'month must look like 2026-03' })
  month?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 128 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId?: string;
}
