import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Member, MemberKind, MemberStatus } from './member.schema';

export class MemberView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['consumer', 'operator'] }) kind: MemberKind;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: MemberStatus;
  @ApiProperty({ nullable: true, type: String }) sponsorId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty({ type: [String], description: 'Sponsors, nearest first' }) uplinePath: string[];
  @ApiPropertyOptional() referralCode?: string;
  @ApiProperty() market: string;
  @ApiProperty() joinedAt: string;
}

export function toMemberView(m: Member): MemberView {
  return {
    id: m._id,
    kind: m.kind,
    status: m.status,
    sponsorId: m.sponsorId,
    depth: m.depth,
    uplinePath: m.uplinePath,
    ...(m.referralCode ? { referralCode: m.referralCode } : {}),
    market: m.market,
    joinedAt: new Date(m.joinedAt).toISOString(),
  };
}
