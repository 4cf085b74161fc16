import { ApiProperty } from '@nestjs/swagger';
import { POSITION_TRANSFER_REASONS } from '@netdirect/contracts';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import type { TransferReason } from '../../compliance-profile';

export class RequestTransferRequest {
  @ApiProperty({ enum: POSITION_TRANSFER_REASONS })
  @IsIn(POSITION_TRANSFER_REASONS)
  reason: TransferReason;

  @ApiProperty({ format: 'uuid', description: 'The party (registered at /v1/parties) that is to own the position' })
  @IsUUID('all', { message: 'newOwnerPartyId must be a party id (a UUID)' })
  newOwnerPartyId: string;

  @ApiProperty({
    example: 'Heir under the will of 2026-03-01; certificate of inheritance attached to case 77',
    minLength: 1,
    maxLength: 2000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;
}
