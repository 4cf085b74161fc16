import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, derivedId, DomainError } from '@netdirect/runtime';
import { periodIdOf } from '../compute/period-id';
import { formatMinor } from '../compute/units';
import { LedgerEntryState } from '../ledger/ledger-entry.schema';
import { LedgerRepository } from '../ledger/ledger.repository';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { HeldBalanceDecision, HeldBalanceDecisionKind, HeldBalanceDecisionState, HeldBalanceShare } from './held-balance-decision';
import { HeldBalanceDecisions } from './held-balance-decisions.repository';
import { PayoutFaults } from './payout-faults';
import { ReleasableEntries } from './releasable-entries';

/**
 * The ops decision on a terminated member's held balance (the releasable
 * entries its payout drafts hold): `release` pays it to the payee of record
 * in the next batch; `forfeit` books it to breakage with the reason, as one
 * negative ledger entry per payee party, so the statement explains the
 * balance. Idempotent: the same decision again answers the decision already
 * recorded; a decision interrupted mid-way is finished by the next call.
 */
@Injectable()
export class HeldBalanceService {
  constructor(
    private readonly decisions: HeldBalanceDecisions,
    private readonly releasable: ReleasableEntries,
    private readonly ledger: LedgerRepository,
    private readonly members: NetworkMembersRepository,
    private readonly faults: PayoutFaults,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** What is held for a member now (suspended: until reinstated; terminated: until ops decide), and its decisions. */
  async held(memberId: string): Promise<{ memberId: string; status: string; heldMinor: number; currency: string | null; shares: HeldBalanceShare[]; decisions: HeldBalanceDecisionState[] }> {
    const member = await this.members.find(memberId);
    if (!member) throw DomainError.notFound(`No member ${memberId}`);
    const { suspended, terminated } = await this.releasable.ofMember(memberId, this.clock.now());
    const held = [...suspended, ...terminated];
    return {
      memberId,
      status: member.status,
      heldMinor: held.reduce((s, e) => s + e.amountMinor, 0),
      currency: held[0]?.currency ?? null,
      shares: sharesOf(held),
      decisions: await this.decisions.ofMember(memberId),
    };
  }

  async decide(memberId: string, decision: HeldBalanceDecisionKind, reason: string, by: string): Promise<HeldBalanceDecisionState> {
    const member = await this.members.find(memberId);
    if (!member) throw DomainError.notFound(`No member ${memberId}`);
    if (member.status !== 'terminated') {
      const why = member.status === 'suspended' ? 'a suspended member’s balance is held until it is reinstated' : 'an active member’s balance is not held';
      throw DomainError.rule('memberId', `member ${memberId} is ${member.status}: only a terminated member’s held balance awaits an ops decision (${why})`);
    }
    const previous = await this.decisions.ofMember(memberId);
    const unfinished = previous.find((d) => d.status === 'recording');
    if (unfinished) {
      const finished = await this.record(unfinished);
      const refusal = HeldBalanceDecision.from(finished).sameAs(decision);
      if (refusal) throw refusal;
      return finished;
    }
    const now = this.clock.now();
    const { terminated: held } = await this.releasable.ofMember(memberId, now);
    if (!held.length) {
      const last = previous[previous.length - 1];
      if (!last) throw DomainError.rule('memberId', `nothing is held for ${memberId}: no releasable balance`);
      const refusal = HeldBalanceDecision.from(last).sameAs(decision);
      if (refusal) throw refusal;
      return last; // a repeated request: the balance it settled is settled
    }
    const state: HeldBalanceDecisionState = {
      _id: `hbd-${memberId}-${previous.length + 1}`,
      seq: 0,
      memberId,
      market: member.market,
      currency: held[0].currency,
      decision,
      reason,
      // A release has nothing more to write: the drafts read it.
      status: decision === 'release' ? 'recorded' : 'recording',
      shares: sharesOf(held),
      totalMinor: held.reduce((s, e) => s + e.amountMinor, 0),
      periodId: periodIdOf(member.market, now),
      decidedBy: by,
      decidedAt: now,
      ...(decision === 'release' ? { recordedAt: now } : {}),
    };
    if (!(await this.decisions.insert(state, []))) {
      // Two requests raced for the same decision number: answer the one that won (or refuse a different one).
      const winner = await this.decisions.get(state._id);
      const refusal = HeldBalanceDecision.from(winner).sameAs(decision);
      if (refusal) throw refusal;
      return winner.status === 'recording' ? this.record(winner) : winner;
    }
    return state.status === 'recording' ? this.record(state) : state;
  }

  /**
   * The ledger writes of a forfeit, each idempotent: claim the held entries
   * into the decision (no batch pays them any more), book one
   * `held-balance-forfeited` entry per payee party (its id derived from the
   * decision and the party) equal to minus what the claimed entries hold,
   * then mark the decision recorded.
   */
  private async record(d: HeldBalanceDecisionState): Promise<HeldBalanceDecisionState> {
    const ids = d.shares.flatMap((s) => s.entryIds);
    await this.ledger.claim(ids, d._id);
    this.faults.at('decision:after-claim');
    const claimed = (await this.ledger.ofBatch(d._id)).filter((e) => e.kind !== 'held-balance-forfeited');
    const shares = sharesOf(claimed);
    const now = this.clock.now();
    const template = claimed[0];
    const forfeits: LedgerEntryState[] = shares.map((s): LedgerEntryState => {
      const id = `hbf_${derivedId('held-balance-forfeited', d._id, s.partyId).replace(/-/g, '')}`;
      return {
        _id: id,
        lineId: id,
        kind: 'held-balance-forfeited',
        orderId: d._id,
        orderLineId: s.partyId,
        linePeriodId: d.periodId,
        periodId: d.periodId,
        market: d.market,
        currency: d.currency,
        beneficiaryId: d.memberId,
        payeePartyId: s.partyId,
        sourceMemberId: d.memberId,
        rule: 'held-balance-forfeited',
        level: 0,
        bv: 0,
        baseMinor: 0,
        rateBps: 0,
        uncappedMinor: -s.amountMinor,
        amountMinor: -s.amountMinor,
        breakageMinor: s.amountMinor,
        breakageReason: `forfeited by ops decision ${d._id}: ${d.reason}`.slice(0, 500),
        skipped: [],
        planId: template?.planId ?? 'none',
        planVersion: template?.planVersion ?? 1,
        explanation: `Member ${d.memberId} was terminated; its held balance of ${formatMinor(s.amountMinor, d.currency)} over ${s.entryIds.length} entr${s.entryIds.length === 1 ? 'y' : 'ies'} (payee ${s.partyId}) was forfeited to breakage by ${d.decidedBy} on ${d.decidedAt.toISOString()} (decision ${d._id}): ${d.reason}`.slice(0, 1000),
        createdAt: now,
        batchId: d._id,
      };
    });
    await this.ledger.insert(forfeits, now);
    return this.decisions.change(d._id, (s) => {
      const change = HeldBalanceDecision.from(s).recorded(now);
      return change && { ...change, set: { ...change.set, shares, totalMinor: shares.reduce((sum, x) => sum + x.amountMinor, 0) } };
    });
  }
}

/** Held entries per payee party, parties in id order. */
function sharesOf(entries: LedgerEntryState[]): HeldBalanceShare[] {
  const by = new Map<string, HeldBalanceShare>();
  for (const e of entries) {
    const s = by.get(e.payeePartyId) ?? { partyId: e.payeePartyId, amountMinor: 0, entryIds: [] };
    s.amountMinor += e.amountMinor;
    s.entryIds.push(e._id);
    by.set(e.payeePartyId, s);
  }
  return [...by.values()].sort((a, b) => (a.partyId < b.partyId ? -1 : 1));
}
