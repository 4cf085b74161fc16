import { ApiProperty } from '@nestjs/swagger';
import type { Party } from './party.schema';

export class PartyView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['person', 'legal-entity'] }) kind: 'person' | 'legal-entity';
  @ApiProperty() name: string;
  @ApiProperty({ description: 'True once ops recorded a passed identity check' }) identityVerified: boolean;
  @ApiProperty({ nullable: true, type: String }) identityCheckedAt: string | null;
}

export function toPartyView(p: Party): PartyView {
  return {
    id: p._id,
    kind: p.kind,
    name: p.name,
    identityVerified: p.identityCheck?.passed === true,
    identityCheckedAt: p.identityCheck ? new Date(p.identityCheck.at).toISOString() : null,
  };
}
