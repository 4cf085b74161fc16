import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/**
 * Ops placed a member under a different sponsor (a correction, with audit).
 * The member's whole downline moves with it; each of them gets a MemberMoved.
 * Commissions already accrued stay with the old upline.
 */
@IntegrationEvent({
  type: 'MemberSponsorChanged',
  version: 1,
  topic: Topics.networkMembers,
  summary: "Ops changed a member's sponsor; carries the new depth and upline path.",
})
export class MemberSponsorChanged {
  @IsId()
  memberId: string;

  /** Null if the member was a root. */
  @IsOptional()
  @IsId()
  oldSponsorId: string | null;

  /** Null if the member becomes a root. */
  @IsOptional()
  @IsId()
  newSponsorId: string | null;

  @IsInt()
  @Min(0)
  @Max(10000)
  depth: number;

  /** New sponsors, nearest first (as in MemberRegistered). */
  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  uplinePath: string[];

  @IsText(1000)
  reason: string;

  /** Ops user who made the change. */
  @IsId()
  by: string;

  @IsInstant()
  changedAt: string;
}
