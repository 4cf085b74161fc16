import { Inject, Injectable } from '@nestjs/common';
import { OrderRefunded } from '@netdirect/contracts';
import { CLOCK, Clock, derivedId, PrerequisiteMissing } from '@netdirect/runtime';
import { periodIdOf } from '../compute/period-id';
import { formatMinor } from '../compute/units';
import { netQuantity } from '../orders/commission-order.schema';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodRepository } from '../periods/period.repository';
import { LedgerEntryState } from './ledger-entry.schema';
import { LedgerRepository } from './ledger.repository';

/**
 * The clawback of one line for one refund: the refunded share of what the
 * ledger holds for the line, truncated toward zero; the refund that leaves no
 * unit of the order line takes exactly what is left, so the line nets to zero
 * and clawbacks never drift from accruals.
 */
export function clawbackAmount(heldMinor: number, refundedUnits: number, unitsBefore: number): number {
  if (unitsBefore <= 0 || heldMinor === 0) return 0;
  if (refundedUnits >= unitsBefore) return -heldMinor;
  const share = Number((BigInt(heldMinor) * BigInt(refundedUnits)) / BigInt(unitsBefore));
  return share === 0 ? 0 : -share;
}

/**
 * OrderRefunded → one negative entry per line of each refunded order line
 * (CommissionClawedBack). A refund booked while the order's period is open
 * counts in that period (its close nets it); after the close it is booked in
 * the open period and refers to the original line. Entry ids derive from
 * (line, refund): a redelivered refund writes nothing.
 */
@Injectable()
export class ClawBackService {
  constructor(
    private readonly orders: CommissionOrdersRepository,
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async clawBack(refund: OrderRefunded): Promise<number> {
    const before = await this.orders.find(refund.orderId);
    if (!before) throw new PrerequisiteMissing(`order ${refund.orderId} not placed yet`);
    if (!before.accrual || !before.periodId) throw new PrerequisiteMissing(`order ${refund.orderId} not accrued yet`);
    const lineStatus = (await this.periods.statuses([before.periodId])).get(before.periodId);
    const bookedIn = lineStatus === 'open' ? before.periodId : periodIdOf(before.market, refund.refundedAt);
    await this.orders.refunded(refund.orderId, {
      refundId: refund.refundId,
      returnId: refund.returnId ?? null,
      refundedAt: new Date(refund.refundedAt).toISOString(),
      periodId: bookedIn,
      lines: refund.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, bv: l.bv })),
    });
    const order = (await this.orders.find(refund.orderId))!;
    const booked = order.refunds.find((r) => r.refundId === refund.refundId)!;
    const earlier = new Set(order.refunds.slice(0, order.refunds.indexOf(booked)).map((r) => r.refundId));

    const entries = await this.ledger.byOrder(order._id);
    const byLine = new Map<string, LedgerEntryState[]>();
    for (const e of entries) {
      if (e.kind === 'clawback' && e.refundId === refund.refundId) continue;
      byLine.set(e.lineId, [...(byLine.get(e.lineId) ?? []), e]);
    }
    const now = this.clock.now();
    const out: LedgerEntryState[] = [];
    const paid = new Set<string>();
    for (const refunded of booked.lines) {
      const unitsBefore = netQuantity(order, refunded.lineId, (r) => earlier.has(r.refundId));
      for (const [lineId, held] of byLine) {
        const first = held[0];
        if (first.orderLineId !== refunded.lineId) continue;
        const heldMinor = held.reduce((sum, e) => sum + e.amountMinor, 0);
        const amount = clawbackAmount(heldMinor, refunded.quantity, unitsBefore);
        if (amount === 0) continue;
        if (held.some((e) => e.releasedAt)) paid.add(lineId);
        const last = refunded.quantity >= unitsBefore;
        out.push({
          ...first,
          _id: `cb_${derivedId('clawback', lineId, refund.refundId).replace(/-/g, '')}`,
          kind: 'clawback',
          periodId: bookedIn,
          bv: refunded.bv,
          amountMinor: amount,
          uncappedMinor: amount,
          breakageMinor: 0,
          breakageReason: null,
          refundId: refund.refundId,
          explanation:
            `Refund ${refund.refundId}: ${refunded.quantity} of the ${unitsBefore} unit(s) of order line ${refunded.lineId} still held were refunded, ` +
            (last
              ? `the last of them, so the whole remaining ${formatMinor(heldMinor, first.currency)} of line ${lineId} is clawed back: ${formatMinor(amount, first.currency)}.`
              : `so ${refunded.quantity}/${unitsBefore} of the ${formatMinor(heldMinor, first.currency)} line ${lineId} holds is clawed back, truncated toward zero: ${formatMinor(amount, first.currency)}.`),
          createdAt: now,
          batchId: null,
          releasedAt: undefined,
          closeRun: undefined,
        });
      }
    }
    for (const e of out) {
      delete e.releasedAt;
      delete e.closeRun;
    }
    const inserted = await this.ledger.insertQuietly(out);
    await this.orders.announce(order._id, `refund:${refund.refundId}`, out.map((e) => this.ledger.eventOf(e, now, paid.has(e.lineId))));
    return inserted.length;
  }
}
