import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FraudReview, Member, MemberKind, MemberStatus } from './member.schema';

export class PositionOwnerView {
  @ApiProperty() partyId: string;
  @ApiProperty() name: string;
}

export class MemberView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['consumer', 'operator'] }) kind: MemberKind;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: MemberStatus;
  @ApiProperty({ nullable: true, type: String }) sponsorId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty({ type: [String], description: 'Sponsors, nearest first' }) uplinePath: string[];
  @ApiPropertyOptional() referralCode?: string;
  @ApiPropertyOptional() termsVersion?: string;
  @ApiPropertyOptional() upgradedAt?: string;
  @ApiProperty() market: string;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ type: PositionOwnerView }) owner: PositionOwnerView;
  @ApiPropertyOptional({ description: 'Present when the registration was flagged for fraud review' })
  review?: { status: FraudReview['status']; signals: string[]; flaggedAt: string };
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
    ...(m.termsVersion ? { termsVersion: m.termsVersion } : {}),
    ...(m.upgradedAt ? { upgradedAt: new Date(m.upgradedAt).toISOString() } : {}),
    market: m.market,
    joinedAt: new Date(m.joinedAt).toISOString(),
    owner: { partyId: m.owner.partyId, name: m.owner.name },
    ...(m.review
      ? {
          review: {
            status: m.review.status,
            signals: m.review.signals,
            flaggedAt: new Date(m.review.flaggedAt).toISOString(),
          },
        }
      : {}),
  };
}

/** A member as listed in a downline page or export: no owner details. */
export class DownlineMemberView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['consumer', 'operator'] }) kind: MemberKind;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: MemberStatus;
  @ApiProperty({ nullable: true, type: String }) sponsorId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty({ description: 'Levels below the member asked about (1 = personally sponsored)' })
  level: number;
  @ApiProperty() joinedAt: string;
}

export function toDownlineView(
  m: Pick<Member, '_id' | 'kind' | 'status' | 'sponsorId' | 'depth' | 'joinedAt'>,
  rootDepth: number,
): DownlineMemberView {
  return {
    id: m._id,
    kind: m.kind,
    status: m.status,
    sponsorId: m.sponsorId,
    depth: m.depth,
    level: m.depth - rootDepth,
    joinedAt: new Date(m.joinedAt).toISOString(),
  };
}
