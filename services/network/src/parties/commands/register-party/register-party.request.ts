import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PARTY_KINDS, PartyKind } from '../../party';

export class RegisterPartyRequest {
  @ApiProperty({ enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @ApiProperty({
    example: 'Schmidt Vertriebs GmbH',
    minLength: 1,
    maxLength: 200,
    description: 'Legal name, as it will appear on payout statements',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
