import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEMBER_KINDS, MemberKind } from '../../member';

export class RegisterMemberRequest {
  @ApiProperty({ enum: MEMBER_KINDS })
  @IsIn(MEMBER_KINDS)
  kind: MemberKind;

  @ApiPropertyOptional({
    pattern: '^[0-9A-Za-z]{8}$',
    example: 'K7Q2M9XA',
    description: "The sponsor's referral code (case-insensitive). Omit only for a company-sponsored root (ops).",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z]{8}$/, { message: 'referralCode must be 8 letters or digits' })
  referralCode?: string;

  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 market' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market: string;

  @ApiProperty({
    example: 'Anna Schmidt',
    minLength: 1,
    maxLength: 200,
    description: 'Legal name of the person who owns the position',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'anna@example.org',
    format: 'email',
    maxLength: 254,
    description: 'Compared (as a hash) with the sponsor’s; not stored in clear',
  })
  @IsString()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+49 30 1234567', pattern: '^\\+?[0-9 ()./-]{6,32}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{6,32}$/, {
    message: 'phone must be a phone number (digits, spaces, + ( ) . / -)',
  })
  phone?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: 'Opaque fingerprint of the payment method from the payment provider',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  paymentFingerprint?: string;
}
