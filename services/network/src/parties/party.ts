import type { Principal } from '@netdirect/runtime';

/*
 * The party aggregate: a person or legal entity that can own a position (an
 * heir, a guardian, the company a member's business moves into). A position
 * passes to a party only after ops recorded a passed identity check.
 */

export const PARTY_KINDS = ['person', 'legal-entity'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The outcome of ops checking a party's identity (documents, register extract). */
export interface IdentityCheck {
  passed: boolean;
  reference: string;
  by: string;
  at: Date;
}

/** What is stored of a party. */
export interface PartyState {
  _id: string;
  kind: PartyKind;
  name: string;
  identityCheck: IdentityCheck | null;
  createdBy: string;
  createdAt: Date;
}

/** A change of one party: the fields to set. */
export interface PartyChange {
  partyId: string;
  set: Partial<PartyState>;
}

export class Party {
  private constructor(readonly state: Readonly<PartyState>) {}

  static from(state: PartyState): Party {
    return new Party(state);
  }

  /** A new party, registered by `by` (ops, or a member on behalf of an heir or their company). */
  static register(input: { id: string; kind: PartyKind; name: string; by: string; at: Date }): Party {
    return new Party({
      _id: input.id,
      kind: input.kind,
      name: input.name,
      identityCheck: null,
      createdBy: input.by,
      createdAt: input.at,
    });
  }

  get id(): string {
    return this.state._id;
  }

  /** Whether ops recorded a passed identity check: a position may pass to this party only then. */
  get identityVerified(): boolean {
    return this.state.identityCheck?.passed === true;
  }

  /** Ops records the outcome of an identity check; the latest check is the one that counts. */
  recordIdentityCheck(passed: boolean, reference: string, by: string, at: Date): PartyChange {
    return { partyId: this.id, set: { identityCheck: { passed, reference, by, at } } };
  }

  /** Ops, the party itself and whoever registered it. */
  mayBeReadBy(caller: Principal): boolean {
    return caller.roles.includes('ops') || caller.subject === this.id || this.state.createdBy === caller.subject;
  }
}
