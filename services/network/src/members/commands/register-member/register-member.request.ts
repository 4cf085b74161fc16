import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { MemberKind } from '../../member.schema';

export class RegisterMemberRequest {
  @ApiProperty({ enum: ['consumer', 'operator'] })
  @IsIn(['consumer', 'operator'])
  kind: MemberKind;

  @ApiPropertyOptional({ description: "The sponsor's referral code (case-insensitive). Omit only for a company-sponsored root (ops)." })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z]{8}$/, { message: 'referralCode must be 8 letters or digits' })
  referralCode?: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 market' })
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market: string;
}
