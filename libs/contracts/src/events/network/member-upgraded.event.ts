import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/**
 * A consumer (D) became an operator (C): they accepted the operator terms and
 * got a referral code. There is never a fee for this; from now on the member
 * buys at member price and can earn commissions on product sales.
 */
@IntegrationEvent({
  type: 'MemberUpgraded',
  version: 1,
  topic: Topics.networkMembers,
  summary: 'A consumer became an operator, accepting a terms version, and received a referral code.',
})
export class MemberUpgraded {
  @IsId()
  memberId: string;

  /** Version of the operator terms accepted. */
  @IsText(64)
  termsVersion: string;

  /** Code consumers and operators use to join under this member. */
  @IsText(64)
  referralCode: string;

  @IsInstant()
  upgradedAt: string;
}
