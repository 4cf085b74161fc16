import { IsIn } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';
import { MEMBER_STATUSES, MemberStatus } from './network.parts';

/**
 * A member was suspended, reinstated or terminated.
 *
 * Commission stops paying a member who is not active (compression passes
 * their share up); a termination is followed by MemberMoved for the members
 * who roll up to a new sponsor.
 */
@IntegrationEvent({
  type: 'MemberStatusChanged',
  version: 1,
  topic: Topics.networkMembers,
  summary: 'A member became active, suspended or terminated, with reason and actor.',
})
export class MemberStatusChanged {
  @IsId()
  memberId: string;

  @IsIn(MEMBER_STATUSES)
  from: MemberStatus;

  @IsIn(MEMBER_STATUSES)
  to: MemberStatus;

  @IsText(1000)
  reason: string;

  /** Ops user id, or `system`. */
  @IsId()
  by: string;

  @IsInstant()
  changedAt: string;
}
