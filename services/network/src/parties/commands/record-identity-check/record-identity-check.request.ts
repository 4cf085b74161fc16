import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class IdentityCheckRequest {
  @ApiProperty({ description: 'Whether the identity documents were verified' })
  @IsBoolean()
  passed: boolean;

  @ApiProperty({
    example: 'KYC-2026-00042',
    minLength: 1,
    maxLength: 200,
    description: 'Where the evidence is kept',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}
