import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';

export const MEMBER_MOVE_CAUSES = ['sponsor-terminated', 'upline-sponsor-changed'] as const;

/**
 * A member's upline changed because of something that happened above them:
 * their sponsor was terminated and they rolled up to the next sponsor, or an
 * upline member was placed under a new sponsor. `causedBy` is the member
 * whose change caused the move.
 *
 * Consumers that keep upline paths (commission) overwrite theirs.
 */
@IntegrationEvent({
  type: 'MemberMoved',
  version: 1,
  topic: Topics.networkMembers,
  summary:
    "A member's upline changed through a roll-up; carries the new sponsor, depth and upline path, and the old path and depth.",
})
export class MemberMoved {
  @IsId()
  memberId: string;

  @IsOptional()
  @IsId()
  oldSponsorId: string | null;

  /** Unchanged from oldSponsorId when only a further upline moved. */
  @IsOptional()
  @IsId()
  newSponsorId: string | null;

  @IsInt()
  @Min(0)
  @Max(10000)
  depth: number;

  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  uplinePath: string[];

  /**
   * The upline path before the move, nearest first. A member below a moved
   * member keeps its sponsor (`oldSponsorId == newSponsorId`) and changes only
   * its path and depth; this says what it was. Absent in events recorded
   * before the field was added.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  oldUplinePath?: string[];

  /** The depth before the move (see `oldUplinePath`). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  oldDepth?: number;

  @IsIn(MEMBER_MOVE_CAUSES)
  cause: (typeof MEMBER_MOVE_CAUSES)[number];

  @IsId()
  causedBy: string;

  @IsInstant()
  movedAt: string;
}
