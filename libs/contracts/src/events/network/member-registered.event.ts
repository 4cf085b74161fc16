import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsText } from '../../values/field.decorators';

/**
 * A person joined the network, as a consumer (D) or an operator (C).
 *
 * `uplinePath` lists the member's sponsors, nearest first (index 0 is the
 * sponsor, the last entry the root), so a consumer can keep the whole upline
 * without asking the network service.
 */
@IntegrationEvent({
  type: 'MemberRegistered',
  version: 1,
  topic: Topics.networkMembers,
  summary: 'A consumer or operator registered, with sponsor, depth and ordered upline path.',
})
export class MemberRegistered {
  @IsString()
  memberId: string;

  @IsIn(['consumer', 'operator'])
  kind: 'consumer' | 'operator';

  /** Null for a company-sponsored root. */
  @IsOptional()
  @IsString()
  sponsorId: string | null;

  @IsInt()
  @Min(0)
  @Max(10000)
  depth: number;

  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  uplinePath: string[];

  /** ISO 3166-1 alpha-2 market whose compliance profile applies. */
  @IsString()
  market: string;

  @IsISO8601({ strict: true })
  joinedAt: string;

  /**
   * An operator's own referral code, the one consumers and operators join
   * with (a consumer gets one with MemberUpgraded). Absent for a consumer and
   * in events recorded before the field was added.
   */
  @IsOptional()
  @IsText(64)
  referralCode?: string;

  /**
   * The party that owns the position from registration on, until a
   * MemberPositionTransferred names another. Absent in events recorded
   * before the field was added.
   */
  @IsOptional()
  @IsId()
  ownerPartyId?: string;
}
