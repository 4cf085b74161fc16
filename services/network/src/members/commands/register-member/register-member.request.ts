import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { MemberKind } from '../../member.schema';

export class RegisterMemberRequest {
  @ApiProperty({ enum: ['consumer', 'operator'] })
  @IsIn(['consumer', 'operator'])
  kind: MemberKind;

  @ApiPropertyOptional({
    description:
      "The sponsor's referral code (case-insensitive). Omit only for a company-sponsored root (ops).",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z]{8}$/, { message: 'referralCode must be 8 letters or digits' })
  referralCode?: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 market' })
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market: string;

  @ApiProperty({ example: 'Anna Schmidt', description: 'Legal name of the person who owns the position' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'anna@example.org',
    description: 'Compared (as a hash) with the sponsor’s; not stored in clear',
  })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+49 30 1234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{6,32}$/, {
    message: 'phone must be a phone number (digits, spaces, + ( ) . / -)',
  })
  phone?: string;

  @ApiPropertyOptional({ description: 'Opaque fingerprint of the payment method from the payment provider' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  paymentFingerprint?: string;
}
