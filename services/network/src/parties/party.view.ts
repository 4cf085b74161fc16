import { ApiProperty } from '@nestjs/swagger';
import { PARTY_KINDS, PartyKind, PartyState } from './party';

/** A party as ops, the party and whoever registered it see it. */
export class PartyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind: PartyKind;
  @ApiProperty({ example: 'Schmidt Vertriebs GmbH' }) name: string;
  @ApiProperty({ description: 'True once ops recorded a passed identity check' }) identityVerified: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the latest identity check was recorded; null before the first',
  })
  identityCheckedAt: string | null;
}

export function toPartyView(p: PartyState): PartyView {
  return {
    id: p._id,
    kind: p.kind,
    name: p.name,
    identityVerified: p.identityCheck?.passed === true,
    identityCheckedAt: p.identityCheck ? new Date(p.identityCheck.at).toISOString() : null,
  };
}
