import { IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNested } from '../../values/field.decorators';
import { PositionOwner } from './network.parts';

export const POSITION_TRANSFER_REASONS = ['inheritance', 'incapacity', 'legal-entity-change', 'gift', 'sale'] as const;

/**
 * Ops approved moving a member's position to a new owner. The member id, the
 * downline and the history stay; commissions from now on are paid to the new
 * owner (statements and payouts use the owner's name and bank details).
 */
@IntegrationEvent({
  type: 'MemberPositionTransferred',
  version: 1,
  topic: Topics.networkMembers,
  summary: "A member's position passed to a new owner, with the reason and the approving ops user.",
})
export class MemberPositionTransferred {
  @IsId()
  memberId: string;

  @IsId()
  transferId: string;

  @IsNested(() => PositionOwner)
  previousOwner: PositionOwner;

  @IsNested(() => PositionOwner)
  newOwner: PositionOwner;

  @IsIn(POSITION_TRANSFER_REASONS)
  reason: (typeof POSITION_TRANSFER_REASONS)[number];

  /** Ops user who approved. */
  @IsId()
  approvedBy: string;

  @IsInstant()
  transferredAt: string;
}
