import { IsInt, IsOptional, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCount, IsId, IsInstant } from '../../values/field.decorators';

/**
 * At a period close a member qualified for a rank (a new one or the same as
 * before). The rank decides how many upline levels pay the member next period.
 */
@IntegrationEvent({
  type: 'RankAchieved',
  version: 1,
  topic: Topics.commissionRanks,
  summary: 'A member qualified for a rank at a period close, with the volumes that qualified them.',
})
export class RankAchieved {
  @IsId()
  memberId: string;

  @IsId()
  periodId: string;

  /** Rank id from the plan, e.g. `gold`. */
  @IsId()
  rank: string;

  /** Null if the member had no rank before. */
  @IsOptional()
  @IsId()
  previousRank: string | null;

  @IsId()
  planId: string;

  @IsInt()
  @Min(1)
  planVersion: number;

  /** The member's own BV in the period. */
  @IsCount()
  personalVolume: number;

  /** BV of the member's downline (as the plan counts it) in the period. */
  @IsCount()
  groupVolume: number;

  @IsInstant()
  achievedAt: string;
}
