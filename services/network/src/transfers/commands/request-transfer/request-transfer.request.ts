import { ApiProperty } from '@nestjs/swagger';
import { POSITION_TRANSFER_REASONS } from '@netdirect/contracts';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { TransferReason } from '../../compliance-profile';

export class RequestTransferRequest {
  @ApiProperty({ enum: POSITION_TRANSFER_REASONS })
  @IsIn(POSITION_TRANSFER_REASONS)
  reason: TransferReason;

  @ApiProperty({ description: 'The party (registered at /v1/parties) that is to own the position' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newOwnerPartyId: string;

  @ApiProperty({
    example: 'Heir under the will of 2026-03-01; certificate of inheritance attached to case 77',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  statement: string;
}
