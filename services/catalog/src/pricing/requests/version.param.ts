import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** The `:version` of a pricing policy route: a positive integer. */
export class VersionParam {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 1000000000,
    description: 'A pricing policy version number',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000000)
  version: number;
}
