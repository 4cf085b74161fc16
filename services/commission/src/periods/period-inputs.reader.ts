import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import type { PeriodInput, PeriodMember } from '../compute/model';
import { periodBounds } from '../compute/period-id';
import { periodLinesOf, periodMemberOf } from '../ledger/accrue-order.service';
import { NetworkMemberState } from '../network-members/network-member.schema';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { CommissionOrderState } from '../orders/commission-order.schema';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { CommissionSettings } from '../commission.settings';

/** A period's inputs with what the ledger needs besides (the members' owners, the orders). */
export interface FullPeriodInputs extends Omit<PeriodInput, 'plan'> {
  networkMembers: Map<string, NetworkMemberState>;
  orders: Map<string, CommissionOrderState>;
}

/**
 * Reads a period's inputs once, streaming: every member as the tree stands
 * now (the period's end, for a closed period) and every order line paid in
 * the period, net of the refunds booked while it was open, with the upline
 * snapshot of its accrual. The currency is the orders' (the platform's one). Never queries per member. The plan is the caller's.
 */
@Injectable()
export class PeriodInputsReader {
  constructor(
    private readonly members: NetworkMembersRepository,
    private readonly orders: CommissionOrdersRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: CommissionSettings,
  ) {}

  async read(periodId: string): Promise<Omit<PeriodInput, 'plan'>> {
    const { networkMembers: _, orders: __, ...input } = await this.readFull(periodId);
    return input;
  }

  async readFull(periodId: string): Promise<FullPeriodInputs> {
    const { market } = periodBounds(periodId);
    const networkMembers = new Map<string, NetworkMemberState>();
    const members: PeriodMember[] = [];
    for await (const m of this.members.all()) {
      networkMembers.set(m._id, m);
      members.push(periodMemberOf(m));
    }
    const orders = new Map<string, CommissionOrderState>();
    const lines: PeriodInput['lines'] = [];
    let currency = this.settings.COMMISSION_CURRENCY;
    for await (const o of this.orders.ofPeriod(periodId)) {
      orders.set(o._id, o);
      currency = o.currency;
      for (const l of periodLinesOf(o, (r) => r.periodId === periodId)) if (l.quantity > 0) lines.push(l);
    }
    return { periodId, market, currency, members, lines, networkMembers, orders };
  }
}
