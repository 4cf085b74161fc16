import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, PrerequisiteMissing } from '@netdirect/runtime';
import { estimateOrder } from '../compute/estimate-order';
import { explainLine } from '../compute/explain';
import type { ComputedLine, PeriodMember, PeriodOrderLine, PlanVersion } from '../compute/model';
import { periodIdOf } from '../compute/period-id';
import { NetworkMemberState, ownerAt } from '../network-members/network-member.schema';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { CommissionOrderState, netQuantity } from '../orders/commission-order.schema';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodRepository } from '../periods/period.repository';
import { StandingsRepository } from '../periods/standings.repository';
import { ActivePlans } from '../plan/active-plans';
import { LedgerEntryState } from './ledger-entry.schema';
import { LedgerRepository } from './ledger.repository';

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
 * nothing. The lines' CommissionAccrued events ride on the order document
 * (one outbox write for the whole order), recorded once. A buyer or seller not registered here yet makes the payment wait
 * (guests are never waited for).
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

  async accrue(orderId: string, paidAt: string): Promise<number> {
    let order = await this.orders.find(orderId);
    if (!order) throw new PrerequisiteMissing(`order ${orderId} not placed yet`);
    const buyer = order.buyerKind === 'guest' ? null : await this.members.find(order.buyerId);
    if (order.buyerKind !== 'guest' && !buyer) throw new PrerequisiteMissing(`buyer ${order.buyerId} not registered yet`);
    const seller = order.sellerId ? await this.members.find(order.sellerId) : null;
    if (order.sellerId && !seller) throw new PrerequisiteMissing(`seller ${order.sellerId} not registered yet`);

    const now = this.clock.now();
    const anchor = seller ?? (buyer && (buyer.kind === 'operator' || order.buyerKind === 'operator') ? buyer : null);
    order = await this.orders.paid(order, new Date(paidAt).toISOString(), periodIdOf(order.market, paidAt), {
      anchorId: anchor?._id ?? null,
      upline: anchor?.uplinePath ?? [],
      accruedAt: now.toISOString(),
    });
    const accrual = order.accrual!;
    if (!accrual.anchorId) return 0;

    const lines = periodLinesOf(order).filter((l) => l.quantity > 0);
    if (!lines.length) return 0;
    const plan = await this.plans.forPeriod(order.market, order.periodId!);
    const ids = [accrual.anchorId, ...accrual.upline];
    const known = await this.members.findMany(ids);
    const lastClosed = await this.periods.lastClosed(order.market);
    const standings = lastClosed ? await this.standings.ofMembers(lastClosed, ids) : new Map();
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
        const payeePartyId = m ? ownerAt(m, order!.paidAt!) : l.beneficiaryId;
        return entryOf(l, { order: order!, plan, payeePartyId, at: now }, { _id: l.lineId, kind: 'estimate', periodId: order!.periodId!, amountMinor: l.amountMinor });
      });
    const inserted = await this.ledger.insertQuietly(entries);
    await this.orders.announce(orderId, 'paid', entries.map((e) => this.ledger.eventOf(e, now)));
    return inserted.length;
  }
}
