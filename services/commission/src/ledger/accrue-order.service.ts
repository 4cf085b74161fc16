import { Inject, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { CLOCK, Clock, PrerequisiteMissing } from '@netdirect/runtime';
import { estimateOrder } from '../compute/estimate-order';
import { explainLine } from '../compute/explain';
import type { ComputedLine, PeriodMember, PeriodOrderLine, PlanVersion } from '../compute/model';
import { periodIdOf } from '../compute/period-id';
import { NetworkMemberState, ownerAt } from '../network-members/network-member.schema';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { AccrualSnapshot, CommissionOrderState, netQuantity } from '../orders/commission-order.schema';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodRepository } from '../periods/period.repository';
import { StandingState } from '../periods/period.schema';
import { StandingsRepository } from '../periods/standings.repository';
import { ActivePlans } from '../plan/active-plans';
import { LedgerEntryState } from './ledger-entry.schema';
import { LedgerRepository } from './ledger.repository';

/**
 * How long an accrual reuses a market's active plan and last closed period
 * (one read each per order otherwise, a third of an order's reads). Both
 * change a few times a year, and every replica's cache lapses by itself, so
 * an order paid within this time of an activation or a close is estimated
 * as before it; the close recomputes every estimate anyway.
 */
const MARKET_READS_TTL_MS = 1000;

export const periodMemberOf = (m: NetworkMemberState): PeriodMember => ({ memberId: m._id, sponsorId: m.sponsorId, kind: m.kind, active: m.status === 'active' });

/** The order's lines as the computation takes them, with the accrual snapshot and net of the refunds that count. */
export function periodLinesOf(order: CommissionOrderState, countRefund?: Parameters<typeof netQuantity>[2]): PeriodOrderLine[] {
  const anchorId = order.accrual?.anchorId;
  if (!anchorId || !order.paidAt) return [];
  return order.lines.map((l) => {
    const quantity = netQuantity(order, l.lineId, countRefund);
    return {
      orderId: order._id,
      orderLineId: l.lineId,
      paidAt: order.paidAt!,
      buyerId: order.buyerId,
      buyerKind: order.buyerKind === 'guest' ? 'guest' : 'member',
      anchorId,
      sellerId: order.sellerId,
      priceKind: l.priceKind,
      quantity,
      bv: quantity * l.bvPerUnit,
      unitPriceMinor: l.unitPriceMinor,
      memberUnitPriceMinor: l.memberUnitPriceMinor,
      upline: order.accrual!.upline,
    };
  });
}

/** A ledger entry of a computed line. */
export function entryOf(
  line: ComputedLine,
  o: { order: CommissionOrderState; plan: PlanVersion; payeePartyId: string; at: Date },
  entry: Pick<LedgerEntryState, '_id' | 'kind' | 'periodId' | 'amountMinor'> & Partial<LedgerEntryState>,
): LedgerEntryState {
  return {
    lineId: line.lineId,
    orderId: line.orderId,
    orderLineId: line.orderLineId,
    linePeriodId: o.order.periodId!,
    market: o.order.market,
    currency: o.order.currency,
    beneficiaryId: line.beneficiaryId,
    payeePartyId: o.payeePartyId,
    sourceMemberId: o.order.buyerId,
    rule: line.rule,
    level: line.level,
    bv: line.bv,
    baseMinor: line.baseMinor,
    rateBps: line.rateBps,
    uncappedMinor: line.uncappedMinor,
    breakageMinor: line.breakageMinor,
    breakageReason: line.breakageReason,
    skipped: line.skipped,
    planId: o.plan.planId,
    planVersion: o.plan.version,
    explanation: explainLine(line, o.plan, o.order.currency),
    createdAt: o.at,
    batchId: null,
    ...entry,
  };
}

/**
 * OrderPaid → estimated lines: the anchor (seller, or an operator buying for
 * itself) and its upline are snapshotted on the order the first time, the
 * estimate uses the last closed period's standings, and each line is an
 * entry whose id is its line id, so a redelivered or replayed payment adds
 * nothing. The lines' CommissionAccrued events ride on the first entry of the
 * order (one outbox document, written in the same insert as the entries), so
 * they are recorded exactly when that entry is. A buyer or seller not
 * registered here yet makes the payment wait (guests are never waited for).
 *
 * Round trips, in sequence: the order; its buyer and seller (one read); the
 * snapshot write beside the reads the estimate needs (plan, upline, last
 * closed period and its standings), issued at once for the snapshot about
 * to be written and read again only if another delivery wrote a different
 * one first; the insert. The service spends about a millisecond of CPU per
 * round trip in the driver, and a burst of payments queues behind that CPU.
 */
@Injectable()
export class AccrueOrderService {
  constructor(
    private readonly orders: CommissionOrdersRepository,
    private readonly members: NetworkMembersRepository,
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly standings: StandingsRepository,
    private readonly plans: ActivePlans,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Reads shared by every order of a market, each kept for {@link MARKET_READS_TTL_MS} (the promise, so a burst shares one read). */
  private readonly marketReads = new Map<string, { until: number; value: Promise<unknown> }>();

  private marketRead<T>(key: string, read: () => Promise<T>): Promise<T> {
    const at = performance.now();
    const kept = this.marketReads.get(key);
    if (kept && kept.until > at) return kept.value as Promise<T>;
    const value = read();
    this.marketReads.set(key, { until: at + MARKET_READS_TTL_MS, value });
    value.catch(() => this.marketReads.get(key)?.value === value && this.marketReads.delete(key));
    return value;
  }

  async accrue(orderId: string, paidAt: string): Promise<number> {
    const placed = await this.orders.find(orderId);
    if (!placed) throw new PrerequisiteMissing(`order ${orderId} not placed yet`);
    const buyerId = placed.buyerKind === 'guest' ? null : placed.buyerId;
    const parties = await this.members.findMany([buyerId, placed.sellerId].filter((id): id is string => id !== null));
    const buyer = buyerId === null ? null : (parties.get(buyerId) ?? null);
    if (buyerId !== null && !buyer) throw new PrerequisiteMissing(`buyer ${buyerId} not registered yet`);
    const seller = placed.sellerId ? (parties.get(placed.sellerId) ?? null) : null;
    if (placed.sellerId && !seller) throw new PrerequisiteMissing(`seller ${placed.sellerId} not registered yet`);

    const now = this.clock.now();
    const anchor = seller ?? (buyer && (buyer.kind === 'operator' || placed.buyerKind === 'operator') ? buyer : null);
    const snapshot: AccrualSnapshot = placed.accrual ?? { anchorId: anchor?._id ?? null, upline: anchor?.uplinePath ?? [], accruedAt: now.toISOString() };
    const periodId = placed.periodId ?? periodIdOf(placed.market, paidAt);
    // The reads for the snapshot about to be written go out with its write.
    const [order, inputs] = await Promise.all([
      this.orders.paid(placed, new Date(paidAt).toISOString(), periodId, snapshot),
      snapshot.anchorId ? this.estimateInputs(placed.market, periodId, snapshot.anchorId, snapshot.upline) : null,
    ]);
    const accrual = order.accrual!;
    if (!accrual.anchorId) return 0;
    const lines = periodLinesOf(order).filter((l) => l.quantity > 0);
    if (!lines.length) return 0;
    // Another delivery snapshotted first (a race of duplicates): estimate from what it wrote.
    const same = inputs && order.periodId === periodId && accrual.anchorId === snapshot.anchorId && isDeepStrictEqual(accrual.upline, snapshot.upline);
    const { plan, known, standings } = same ? inputs : await this.estimateInputs(order.market, order.periodId!, accrual.anchorId, accrual.upline);

    const computed = estimateOrder({
      market: order.market,
      currency: order.currency,
      plan,
      lines,
      members: new Map([...known.values()].map((m) => [m._id, periodMemberOf(m)])),
      lastStandings: standings,
    });
    const entries = computed
      .filter((l) => l.amountMinor !== 0 || l.breakageMinor !== 0)
      .map((l) => {
        const m = known.get(l.beneficiaryId);
        const payeePartyId = m ? ownerAt(m, order.paidAt!) : l.beneficiaryId;
        return entryOf(l, { order, plan, payeePartyId, at: now }, { _id: l.lineId, kind: 'estimate', periodId: order.periodId!, amountMinor: l.amountMinor });
      });
    const inserted = await this.ledger.insertWithEventsOnFirst(entries, entries.map((e) => this.ledger.eventOf(e, now)));
    return inserted.length;
  }

  /** What an estimate reads besides the order: the plan, the snapshot's members, and their standings in the last closed period. */
  private async estimateInputs(
    market: string,
    periodId: string,
    anchorId: string,
    upline: string[],
  ): Promise<{ plan: PlanVersion; known: Map<string, NetworkMemberState>; standings: Map<string, StandingState> }> {
    const ids = [anchorId, ...upline];
    const [plan, known, standings] = await Promise.all([
      this.marketRead(`plan:${periodId}`, () => this.plans.forPeriod(market, periodId)),
      this.members.findMany(ids),
      this.marketRead(`closed:${market}`, () => this.periods.lastClosed(market)).then((closed) => (closed ? this.standings.ofMembers(closed, ids) : new Map<string, StandingState>())),
    ]);
    return { plan, known, standings };
  }
}
