import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RegisterProviderRequest } from '../register-provider/register-provider.request';

/** A change to a provider's routing settings (ops): any field given replaces the stored one, with the same rules as at registration. */
export class ChangeProviderRequest extends PartialType(OmitType(RegisterProviderRequest, ['id'] as const)) {}

/** Why ops suspend a provider, for the record. */
export class SuspendProviderRequest {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 500, nullable: true, example: 'Strike at the Berlin hub' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string | null;
}
