import { DomainError, isDomainError, type Principal } from '@netdirect/runtime';
import type { Member, OwnerTransfer, PositionOwnerRecord } from '../members/member';
import type { Party } from '../parties/party';
import type { TransferPolicy, TransferReason } from './compliance-profile';

/*
 * The transfer aggregate: a request to move a member's position to a new
 * owner, and ops' decision on it. Plain code; the position itself changes
 * through Member.transferTo, never here.
 */

export type TransferStatus = 'requested' | 'approved' | 'rejected';

/**
 * Who opened a request. `new-owner` appears only on requests opened before
 * only the member and ops could open one (an heir now asks ops).
 */
export type TransferRequester = 'member' | 'new-owner' | 'ops';
export const TRANSFER_REQUESTERS: readonly TransferRequester[] = ['member', 'new-owner', 'ops'];

/** What is stored of a transfer request. */
export interface TransferState {
  _id: string;
  memberId: string;
  /** The member id while the request is open: a unique index allows one open request per position. */
  openFor?: string;
  reason: TransferReason;
  statement: string;
  previousOwner: PositionOwnerRecord;
  newOwner: PositionOwnerRecord;
  requestedBy: { subject: string; as: TransferRequester };
  status: TransferStatus;
  requestedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  decisionNote?: string;
}

/** A decision, written by compare-and-set on the request still being open. */
export interface TransferChange {
  transferId: string;
  guard: { status: 'requested' };
  set: Pick<TransferState, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>;
  /** The open-request marker goes, so the position may be requested again. */
  unset: ['openFor'];
}

/** What a request brings once the use case has read the member and the party. */
export interface TransferRequestInput {
  id: string;
  reason: TransferReason;
  statement: string;
  caller: Principal;
  policy: TransferPolicy;
  at: Date;
}

export class Transfer {
  private constructor(readonly state: Readonly<TransferState>) {}

  static from(state: TransferState): Transfer {
    return new Transfer(state);
  }

  get id(): string {
    return this.state._id;
  }

  /**
   * Open a request to pass `member`'s position to `newOwner`. Only the
   * position's owner (the member) or ops may open one: anyone could claim to
   * be an heir, and an open request blocks the position's other requests
   * until ops act. An heir or guardian asks ops, who open it with the evidence.
   */
  static request(member: Member, newOwner: Party | null, input: TransferRequestInput): Transfer | DomainError {
    const as = Transfer.requesterOf(member.id, input.caller);
    if (isDomainError(as)) return as;
    if (member.status === 'terminated')
      return DomainError.rule('status', 'a terminated position cannot be transferred');
    const refusal = input.policy.refusal(member.state.market, input.reason);
    if (refusal) return DomainError.rule('reason', refusal);
    if (!newOwner) return DomainError.rule('newOwnerPartyId', 'no such party; register it at /v1/parties first');
    if (newOwner.id === member.state.owner.partyId)
      return DomainError.rule('newOwnerPartyId', 'that party already owns the position');
    return new Transfer({
      _id: input.id,
      memberId: member.id,
      openFor: member.id,
      reason: input.reason,
      statement: input.statement,
      previousOwner: { partyId: member.state.owner.partyId, name: member.state.owner.name },
      newOwner: { partyId: newOwner.id, name: newOwner.state.name },
      requestedBy: { subject: input.caller.subject, as },
      status: 'requested',
      requestedAt: input.at,
    });
  }

  /** In which capacity `caller` may open a request on position `memberId` (see {@link request}). */
  static requesterOf(memberId: string, caller: Principal): TransferRequester | DomainError {
    if (caller.roles.includes('ops')) return 'ops';
    if (caller.subject === memberId) return 'member';
    return DomainError.forbidden(
      'Only the member or ops may request a transfer; an heir or guardian asks ops, who open it with the evidence',
    );
  }

  /**
   * What the position passes on by, if ops may approve now: the request is
   * open, the market's profile still allows the reason (it may have changed
   * since the request), and the new owner passed an identity check.
   */
  approval(member: Member, newOwner: Party | null, policy: TransferPolicy): OwnerTransfer | DomainError {
    const open = this.openRefusal();
    if (open) return open;
    const refusal = policy.refusal(member.state.market, this.state.reason);
    if (refusal) return DomainError.rule('reason', refusal);
    if (!newOwner?.identityVerified) {
      return DomainError.rule(
        'newOwner',
        'the new owner has not passed an identity check; record one at /v1/parties/:id/identity-check',
      );
    }
    return {
      id: this.id,
      reason: this.state.reason,
      previousOwner: this.state.previousOwner,
      newOwner: { partyId: newOwner.id, name: newOwner.state.name },
      requestedBy: this.state.requestedBy,
    };
  }

  /** Close the request as approved or rejected, with ops' note. */
  decide(status: 'approved' | 'rejected', by: string, note: string, at: Date): TransferChange | DomainError {
    const open = this.openRefusal();
    if (open) return open;
    return {
      transferId: this.id,
      guard: { status: 'requested' },
      set: { status, decidedBy: by, decidedAt: at, decisionNote: note },
      unset: ['openFor'],
    };
  }

  /** The request as it reads after `change`. */
  after(change: TransferChange): Transfer {
    const { openFor: _open, ...rest } = this.state;
    return new Transfer({ ...rest, ...change.set });
  }

  private openRefusal(): DomainError | null {
    return this.state.status === 'requested'
      ? null
      : DomainError.rule('status', `the transfer was already ${this.state.status}`);
  }
}
