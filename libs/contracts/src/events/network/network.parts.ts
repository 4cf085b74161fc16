import { IsId, IsText } from '../../values/field.decorators';

/*
 * Nested payload parts shared by network events. Class names are unique across
 * the contracts because the JSON Schema definitions are keyed by them.
 */

/** The life-cycle states of a member. */
export const MEMBER_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The person or legal entity that owns a network position. */
export class PositionOwner {
  /** Id of the party (person or company) in the network service. */
  @IsId()
  partyId: string;

  /** Legal name, as on payout statements. */
  @IsText(200)
  name: string;
}
