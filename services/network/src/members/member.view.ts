import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  AuditEntry,
  FraudReview,
  MEMBER_KINDS,
  MEMBER_STATUS_VALUES,
  MemberKind,
  MemberState,
  MemberStatus,
} from './member';
import type { DownlineRow } from './member.repository';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The person or legal entity that owns a position. */
export class PositionOwnerView {
  @ApiProperty({ format: 'uuid', description: 'The owning party' }) partyId: string;
  @ApiProperty({ example: 'Anna Schmidt', description: 'Legal name, as on payout statements' }) name: string;
}

/** A registration flagged for sharing the sponsor's email, phone or payment fingerprint. */
export class FraudReviewView {
  @ApiProperty({ enum: ['pending', 'cleared', 'confirmed'] }) status: FraudReview['status'];
  @ApiProperty({ enum: ['email', 'phone', 'payment'], isArray: true, description: 'What matched the sponsor' })
  signals: string[];
  @ApiProperty({ format: 'date-time' }) flaggedAt: string;
}

/** A member as ops and the member itself see it. */
export class MemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEMBER_KINDS }) kind: MemberKind;
  @ApiProperty({ enum: MEMBER_STATUS_VALUES }) status: MemberStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a company-sponsored root' })
  sponsorId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Levels below the root (a root is 0)' }) depth: number;
  @ApiProperty({ type: String, isArray: true, description: 'Sponsors, nearest first' }) uplinePath: string[];
  @ApiPropertyOptional({ pattern: '^[0-9A-Z]{8}$', description: 'Operators only: the code others join with' })
  referralCode?: string;
  @ApiPropertyOptional({ description: 'Operators who upgraded: the operator terms accepted' }) termsVersion?: string;
  @ApiPropertyOptional({ format: 'date-time' }) upgradedAt?: string;
  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$' }) market: string;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
  @ApiProperty({ type: PositionOwnerView }) owner: PositionOwnerView;
  @ApiPropertyOptional({ type: FraudReviewView, description: 'Present when the registration was flagged' })
  review?: FraudReviewView;
}

export function toMemberView(m: MemberState): MemberView {
  return {
    id: m._id,
    kind: m.kind,
    status: m.status,
    sponsorId: m.sponsorId,
    depth: m.depth,
    uplinePath: m.uplinePath,
    ...(m.referralCode ? { referralCode: m.referralCode } : {}),
    ...(m.termsVersion ? { termsVersion: m.termsVersion } : {}),
    ...(m.upgradedAt ? { upgradedAt: iso(m.upgradedAt) } : {}),
    market: m.market,
    joinedAt: iso(m.joinedAt),
    owner: { partyId: m.owner.partyId, name: m.owner.name },
    ...(m.review
      ? { review: { status: m.review.status, signals: m.review.signals, flaggedAt: iso(m.review.flaggedAt) } }
      : {}),
  };
}

/** A member as listed in a downline page or export: no owner details. */
export class DownlineMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEMBER_KINDS }) kind: MemberKind;
  @ApiProperty({ enum: MEMBER_STATUS_VALUES }) status: MemberStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sponsorId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) depth: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Levels below the member asked about (0 = that member, 1 = personally sponsored)',
  })
  level: number;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export function toDownlineView(m: DownlineRow, rootDepth: number): DownlineMemberView {
  return {
    id: m._id,
    kind: m.kind,
    status: m.status,
    sponsorId: m.sponsorId,
    depth: m.depth,
    level: m.depth - rootDepth,
    joinedAt: iso(m.joinedAt),
  };
}

/** One audited change of a position. */
export class AuditEntryView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditEntry['action'];
  @ApiProperty({ description: 'Who acted: an ops user, the member, or `system`' }) by: string;
  @ApiPropertyOptional({ description: 'Why, as the actor gave it' }) reason?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'What changed, by action: from/to (status, sponsor), oldUplinePath/uplinePath and oldDepth/depth (moves and sponsor changes), transferId (transfers), decision (reviews)',
  })
  details?: Record<string, unknown>;
}

export function toAuditEntryView(e: AuditEntry): AuditEntryView {
  return {
    at: iso(e.at),
    action: e.action,
    by: e.by,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.details ? { details: e.details } : {}),
  };
}
