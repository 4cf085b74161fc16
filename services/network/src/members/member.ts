import {
  MemberMoved,
  MemberPositionTransferred,
  MemberRegistered,
  MemberSponsorChanged,
  MemberStatusChanged,
  MemberUpgraded,
} from '@netdirect/contracts';
import { derivedId, DomainError, type Principal } from '@netdirect/runtime';
import type { FraudSignal, Fingerprints } from './fingerprints';
import { samePath, wouldCreateCycle } from './upline-rewrite';

/*
 * The member aggregate: a position in the network and the rules that change
 * it. Plain code: no NestJS, no database. Each command returns the change it
 * makes (the fields to set, the compare-and-set guard, the audit entry and the
 * events) or a DomainError; MemberRepository.apply writes a change in one
 * single-document write.
 */

export type MemberKind = 'consumer' | 'operator';
export type MemberStatus = 'active' | 'suspended' | 'terminated';
export const MEMBER_KINDS: readonly MemberKind[] = ['consumer', 'operator'];
export const MEMBER_STATUS_VALUES: readonly MemberStatus[] = ['active', 'suspended', 'terminated'];

/** Allowed status transitions; termination is final. */
export const STATUS_TRANSITIONS: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = Object.freeze({
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
});

/** The person or legal entity that owns a position (changes only by an approved transfer). */
export interface PositionOwnerRecord {
  partyId: string;
  name: string;
}

/** A registration that matched its sponsor's own identity and waits for ops. */
export interface FraudReview {
  status: 'pending' | 'cleared' | 'confirmed';
  signals: FraudSignal[];
  flaggedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  note?: string;
}

export const AUDIT_ACTIONS = [
  'registered',
  'upgraded',
  'status-changed',
  'sponsor-changed',
  'moved',
  'transferred',
  'review-decided',
] as const;

/** One audited change of a position: who, when, why. */
export interface AuditEntry {
  at: Date;
  action: (typeof AUDIT_ACTIONS)[number];
  by: string;
  reason?: string;
  details?: Record<string, unknown>;
}

export type MoveCause = MemberMoved['cause'];

/** Why the upline last changed from above (kept so a late registration below can say the same). */
export interface LastMove {
  cause: MoveCause;
  causedBy: string;
}

/** What is stored of a member: the aggregate's state. */
export interface MemberState {
  _id: string;
  kind: MemberKind;
  status: MemberStatus;
  sponsorId: string | null;
  depth: number;
  /** Sponsors, nearest first: `uplinePath[0]` is the sponsor, the last entry the root. */
  uplinePath: string[];
  /** Upper-case; operators only. */
  referralCode?: string;
  termsVersion?: string;
  upgradedAt?: Date;
  market: string;
  joinedAt: Date;
  owner: PositionOwnerRecord;
  fingerprints: Fingerprints;
  review?: FraudReview;
  lastMove?: LastMove;
  history: AuditEntry[];
}

/**
 * An event a change causes, before it is wrapped in an envelope: the
 * repository records it (correlation ids come from the request) in the same
 * write as the change.
 */
export interface DomainEvent<T extends object = object> {
  contract: new () => T;
  data: T;
  occurredAt: Date;
  /** A stable id when the step may run again (a restructure job), so consumers ignore the copy. */
  id?: string;
}

function domainEvent<T extends object>(
  contract: new () => T,
  data: T,
  occurredAt: Date,
  id?: string,
): DomainEvent<T> {
  return { contract, data, occurredAt, ...(id ? { id } : {}) };
}

/**
 * A change of one member, to be written by compare-and-set: it applies only
 * while the stored member still matches `guard`, so a concurrent change makes
 * it miss instead of overwriting.
 */
export interface MemberChange {
  memberId: string;
  /** Field values (dotted paths allowed) the stored document must still have. */
  guard: Record<string, unknown>;
  set: Partial<MemberState>;
  audit: AuditEntry;
  events: DomainEvent[];
}

/** A new member with the audit entry and events of its registration, to be inserted. */
export interface MemberCreation {
  state: MemberState;
  events: DomainEvent[];
}

/** Who acts, why and when; `restructureId` and `eventId` tie a step to a job that may run again. */
export interface ChangeContext {
  by: string;
  reason: string;
  at: Date;
  restructureId?: string;
  eventId?: string;
}

/** What a registration brings once the use case has looked up the sponsor. */
export interface RegistrationInput {
  id: string;
  kind: MemberKind;
  market: string;
  ownerName: string;
  ownerPartyId: string;
  fingerprints: Fingerprints;
  /** The signals on which the registrant matches the sponsor (see fingerprints.ts). */
  sharedSignals: FraudSignal[];
  /** What to do with a registrant who matches their sponsor. */
  selfReferral: 'refuse' | 'flag';
  /** An operator's fresh code; none for a consumer. */
  referralCode?: string;
  caller: Principal;
  at: Date;
}

/** The transfer request a position changes owner by (see transfers/transfer.ts). */
export interface OwnerTransfer {
  id: string;
  reason: MemberPositionTransferred['reason'];
  previousOwner: PositionOwnerRecord;
  newOwner: PositionOwnerRecord;
  requestedBy: { subject: string; as: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A member of the network and its rules. */
export class Member {
  private constructor(readonly state: Readonly<MemberState>) {}

  /** Rebuild the aggregate from what was stored. */
  static from(state: MemberState): Member {
    return new Member(state);
  }

  get id(): string {
    return this.state._id;
  }

  get status(): MemberStatus {
    return this.state.status;
  }

  get path(): readonly string[] {
    return this.state.uplinePath;
  }

  /** The upline a member placed directly below this one gets: this member, then its own path. */
  get pathBelow(): string[] {
    return [this.state._id, ...this.state.uplinePath];
  }

  /**
   * Register a member under `sponsor` (found by the referral code the
   * registrant brought), or as a company-sponsored root when there is none,
   * which only ops may do.
   */
  static register(sponsor: Member | null, input: RegistrationInput): MemberCreation | DomainError {
    if (sponsor) {
      if (sponsor.state.kind !== 'operator')
        return DomainError.rule('referralCode', 'no operator has this referral code');
      if (sponsor.status !== 'active') return DomainError.rule('referralCode', `the sponsor is ${sponsor.status}`);
    } else if (!input.caller.roles.includes('ops')) {
      return DomainError.forbidden('Only ops may register a company-sponsored root without a referral code');
    }
    const signals = sponsor ? input.sharedSignals : [];
    if (signals.length && input.selfReferral === 'refuse') {
      return DomainError.rule(
        'referralCode',
        `the registrant shares the sponsor's own ${signals.join(', ')}; joining under yourself is not allowed`,
      );
    }
    if ((input.kind === 'operator') !== Boolean(input.referralCode)) {
      throw new Error('an operator registers with a referral code, a consumer without');
    }
    const uplinePath = sponsor ? sponsor.pathBelow : [];
    const at = input.at;
    const state: MemberState = {
      _id: input.id,
      kind: input.kind,
      status: 'active',
      sponsorId: sponsor?.id ?? null,
      depth: uplinePath.length,
      uplinePath,
      market: input.market,
      joinedAt: at,
      owner: { partyId: input.ownerPartyId, name: input.ownerName },
      fingerprints: input.fingerprints,
      ...(input.referralCode ? { referralCode: input.referralCode } : {}),
      ...(signals.length ? { review: { status: 'pending', signals, flaggedAt: at } } : {}),
      history: [
        {
          at,
          action: 'registered',
          by: input.caller.subject,
          ...(signals.length ? { details: { flaggedFor: signals } } : {}),
        },
      ],
    };
    const event = domainEvent(
      MemberRegistered,
      {
        memberId: state._id,
        kind: state.kind,
        sponsorId: state.sponsorId,
        depth: state.depth,
        uplinePath,
        market: state.market,
        joinedAt: at.toISOString(),
        ...(state.referralCode ? { referralCode: state.referralCode } : {}),
        ownerPartyId: state.owner.partyId,
      },
      at,
    );
    return { state, events: [event] };
  }

  /**
   * Suspend, reinstate or terminate. Only the moves in {@link STATUS_TRANSITIONS};
   * a termination also rolls the downline up, which the restructure job does
   * after this change.
   */
  changeStatus(to: MemberStatus, ctx: ChangeContext): MemberChange | DomainError {
    const from = this.status;
    if (!STATUS_TRANSITIONS[from].includes(to)) {
      return DomainError.rule(
        'status',
        (from === to ? `the member is already ${to}` : `a ${from} member cannot become ${to}`) +
          (from === 'terminated' ? ' (termination is final)' : ''),
      );
    }
    return {
      memberId: this.id,
      guard: { status: from },
      set: { status: to },
      audit: {
        at: ctx.at,
        action: 'status-changed',
        by: ctx.by,
        reason: ctx.reason,
        details: { from, to, ...(ctx.restructureId ? { restructureId: ctx.restructureId } : {}) },
      },
      events: [
        domainEvent(
          MemberStatusChanged,
          { memberId: this.id, from, to, reason: ctx.reason, by: ctx.by, changedAt: ctx.at.toISOString() },
          ctx.at,
          ctx.eventId,
        ),
      ],
    };
  }

  /**
   * A consumer becomes an operator on their own request, accepting the
   * operator terms: never for a fee, never by someone else's hand.
   */
  upgrade(
    termsVersion: string,
    referralCode: string,
    caller: Principal,
    at: Date,
  ): MemberChange | DomainError {
    if (caller.subject !== this.id)
      return DomainError.forbidden('Only the member may accept the operator terms for their position');
    if (this.state.kind === 'operator') return DomainError.rule('kind', 'the member is already an operator');
    if (this.status !== 'active') return DomainError.rule('status', `a ${this.status} member cannot upgrade`);
    return {
      memberId: this.id,
      guard: { kind: 'consumer', status: 'active' },
      set: { kind: 'operator', referralCode, termsVersion, upgradedAt: at },
      audit: { at, action: 'upgraded', by: caller.subject, details: { termsVersion } },
      events: [
        domainEvent(
          MemberUpgraded,
          { memberId: this.id, termsVersion, referralCode, upgradedAt: at.toISOString() },
          at,
        ),
      ],
    };
  }

  /**
   * Whether ops may place this member under `newSponsor` now: only within
   * `windowDays` of joining, never a terminated member, never under itself or
   * its own downline (a cycle), and only under an active operator.
   */
  sponsorChangeRefusal(newSponsor: Member | null, windowDays: number, now: Date): DomainError | null {
    if (this.status === 'terminated') return DomainError.rule('status', 'a terminated member cannot be moved');
    const closesAt = new Date(new Date(this.state.joinedAt).getTime() + windowDays * DAY_MS);
    if (now > closesAt) {
      return DomainError.rule(
        'joinedAt',
        `a sponsor may be changed only within ${windowDays} days of joining; the window closed at ${closesAt.toISOString()}`,
      );
    }
    if (!newSponsor) return DomainError.rule('newSponsorId', 'no such member');
    if (newSponsor.id === this.state.sponsorId) return DomainError.rule('newSponsorId', 'that is already the sponsor');
    const cycle = this.cycleWith(newSponsor);
    if (cycle) return cycle;
    if (newSponsor.state.kind !== 'operator') return DomainError.rule('newSponsorId', 'only an operator can sponsor');
    if (newSponsor.status !== 'active')
      return DomainError.rule('newSponsorId', `the new sponsor is ${newSponsor.status}`);
    return null;
  }

  /**
   * Place this member under `sponsor` (the first step of a sponsor change;
   * the subtree follows with {@link moveTo}). Null when it is there already,
   * so a job run again after a crash goes on with the subtree.
   */
  placeUnder(sponsor: Member, ctx: ChangeContext): MemberChange | DomainError | null {
    const cycle = this.cycleWith(sponsor);
    if (cycle) return cycle;
    const newPath = sponsor.pathBelow;
    if (samePath(this.state.uplinePath, newPath)) return null;
    return {
      memberId: this.id,
      guard: { uplinePath: this.state.uplinePath },
      set: { sponsorId: sponsor.id, uplinePath: newPath, depth: newPath.length },
      audit: {
        at: ctx.at,
        action: 'sponsor-changed',
        by: ctx.by,
        reason: ctx.reason,
        details: {
          from: this.state.sponsorId,
          to: sponsor.id,
          oldUplinePath: this.state.uplinePath,
          uplinePath: newPath,
          ...(ctx.restructureId ? { restructureId: ctx.restructureId } : {}),
        },
      },
      events: [
        domainEvent(
          MemberSponsorChanged,
          {
            memberId: this.id,
            oldSponsorId: this.state.sponsorId,
            newSponsorId: sponsor.id,
            depth: newPath.length,
            uplinePath: newPath,
            reason: ctx.reason,
            by: ctx.by,
            changedAt: ctx.at.toISOString(),
          },
          ctx.at,
          ctx.eventId,
        ),
      ],
    };
  }

  /**
   * The upline changed above this member (its sponsor was terminated, or an
   * upline member got a new sponsor): take the new sponsor and path. The
   * audit entry and MemberMoved keep the old path and depth, since a member
   * below a moved one keeps its sponsor and only its path says what changed.
   */
  moveTo(
    sponsorId: string | null,
    uplinePath: string[],
    cause: MoveCause,
    causedBy: string,
    ctx: ChangeContext,
  ): MemberChange {
    const old = { sponsorId: this.state.sponsorId, uplinePath: this.state.uplinePath, depth: this.state.depth };
    return {
      memberId: this.id,
      guard: { uplinePath: old.uplinePath },
      set: { sponsorId, uplinePath, depth: uplinePath.length, lastMove: { cause, causedBy } },
      audit: {
        at: ctx.at,
        action: 'moved',
        by: ctx.by,
        reason: ctx.reason,
        details: {
          cause,
          causedBy,
          from: old.sponsorId,
          to: sponsorId,
          oldUplinePath: old.uplinePath,
          uplinePath,
          oldDepth: old.depth,
          depth: uplinePath.length,
          ...(ctx.restructureId ? { restructureId: ctx.restructureId } : {}),
        },
      },
      events: [
        domainEvent(
          MemberMoved,
          {
            memberId: this.id,
            oldSponsorId: old.sponsorId,
            newSponsorId: sponsorId,
            depth: uplinePath.length,
            uplinePath,
            oldUplinePath: old.uplinePath,
            oldDepth: old.depth,
            cause,
            causedBy,
            movedAt: ctx.at.toISOString(),
          },
          ctx.at,
          ctx.eventId,
        ),
      ],
    };
  }

  /** Ops decides a registration flagged for sharing the sponsor's identity. */
  decideReview(decision: 'cleared' | 'confirmed', note: string, by: string, at: Date): MemberChange | DomainError {
    const review = this.state.review;
    if (review?.status !== 'pending') return DomainError.rule('review', 'this member has no pending review');
    return {
      memberId: this.id,
      guard: { 'review.status': 'pending' },
      set: { review: { ...review, status: decision, decidedBy: by, decidedAt: at, note } },
      audit: { at, action: 'review-decided', by, reason: note, details: { decision } },
      events: [],
    };
  }

  /** Whether the approved transfer `transferId` has already passed this position on (a decision run again). */
  wasTransferredBy(transferId: string): boolean {
    return (this.state.history ?? []).some(
      (h) => h.action === 'transferred' && h.details?.transferId === transferId,
    );
  }

  /**
   * The position passes to the new owner of an approved transfer request. The
   * id, code, downline and history stay. Refused for a terminated position,
   * and when the owner changed since the request was made.
   */
  transferTo(transfer: OwnerTransfer, approvedBy: string, note: string, at: Date): MemberChange | DomainError {
    if (this.status === 'terminated')
      return DomainError.rule('status', 'the position was terminated; reject the request');
    if (this.state.owner.partyId !== transfer.previousOwner.partyId)
      return DomainError.conflict('The position changed owner since the request; reject it and request again');
    const from = this.state.owner;
    const to = transfer.newOwner;
    return {
      memberId: this.id,
      guard: { 'owner.partyId': from.partyId },
      set: { owner: { partyId: to.partyId, name: to.name } },
      audit: {
        at,
        action: 'transferred',
        by: approvedBy,
        reason: note,
        details: {
          transferId: transfer.id,
          transferReason: transfer.reason,
          from,
          to,
          requestedBy: transfer.requestedBy,
        },
      },
      events: [
        domainEvent(
          MemberPositionTransferred,
          {
            memberId: this.id,
            transferId: transfer.id,
            previousOwner: { partyId: from.partyId, name: from.name },
            newOwner: { partyId: to.partyId, name: to.name },
            reason: transfer.reason,
            approvedBy,
            transferredAt: at.toISOString(),
          },
          at,
          // Approving again after a crash between the two writes records the same event id.
          derivedId(transfer.id, 'approved'),
        ),
      ],
    };
  }

  /** Ops read every position; a member reads their own and those in their downline. */
  mayBeReadBy(caller: Principal): boolean {
    if (caller.roles.includes('ops') || caller.subject === this.id) return true;
    return caller.roles.includes('member') && this.state.uplinePath.includes(caller.subject);
  }

  /** The audit trail names ops users and their reasons: the member and ops only, not the upline. */
  static historyReadableBy(memberId: string, caller: Principal): boolean {
    return caller.roles.includes('ops') || caller.subject === memberId;
  }

  /** A position's transfer requests: the member and ops only. */
  static transfersReadableBy(memberId: string, caller: Principal): boolean {
    return caller.roles.includes('ops') || caller.subject === memberId;
  }

  private cycleWith(sponsor: Member): DomainError | null {
    if (!wouldCreateCycle(this.id, sponsor.id, sponsor.path)) return null;
    return DomainError.rule(
      'newSponsorId',
      `${sponsor.id} is ${sponsor.id === this.id ? 'the member itself' : 'in the member’s own downline'}; that would make a cycle`,
    );
  }
}
