import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A consumer asks to become an operator. There is no fee and no purchase: only the terms. */
export class UpgradeMemberRequest {
  @ApiProperty({
    example: 'operator-terms-2026-01',
    minLength: 1,
    maxLength: 64,
    description: 'Version of the operator terms the member accepted',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  termsVersion: string;
}
