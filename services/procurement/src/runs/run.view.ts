import { ApiProperty } from '@nestjs/swagger';
import { MoneyView, moneyOf } from '../common/money';
import { Decision } from './run-plan';
import { RUN_STATUSES, RUN_TRIGGERS, RunState, RunStatus, RunTrigger } from './run.schema';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export class RunSummaryView {
  @ApiProperty({ type: 'integer', description: 'SKUs with demand' }) skus: number;
  @ApiProperty({ type: 'integer' }) bought: number;
  @ApiProperty({ type: 'integer', description: 'Needed nothing beyond what is on order' }) covered: number;
  @ApiProperty({ type: 'integer', description: 'No current offer from an active supplier' }) noOffer: number;
  @ApiProperty({ type: 'integer', description: 'Not published by the catalog, or retired' }) notInCatalog: number;
  @ApiProperty({ type: 'integer', description: 'Bought from a supplier slower than the need date (none was in time)' }) late: number;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
}

export class RunOrderView {
  @ApiProperty({ format: 'uuid' }) purchaseOrderId: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ type: 'integer' }) lineCount: number;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
}

export class DemandView {
  @ApiProperty({ type: 'integer' }) reorder: number;
  @ApiProperty({ type: 'integer' }) unmet: number;
  @ApiProperty({ type: 'integer' }) shortfall: number;
  @ApiProperty({ type: 'integer' }) onOrder: number;
  @ApiProperty({ type: 'integer' }) net: number;
}

export class ChosenView {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ type: MoneyView }) unitCost: MoneyView;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
  @ApiProperty({ type: MoneyView }) firstTierUnitCost: MoneyView;
  @ApiProperty({ type: 'integer' }) leadTimeDays: number;
  @ApiProperty({ description: 'Bought beyond the need because the next tier cost less in total' }) upToNextTier: boolean;
}

export class RejectedView {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ enum: ['more-expensive', 'too-slow', 'no-safe-total'] }) reason: string;
  @ApiProperty({ type: 'integer', nullable: true }) quantity: number | null;
  @ApiProperty({ type: MoneyView, nullable: true }) total: MoneyView | null;
  @ApiProperty({ type: 'integer' }) leadTimeDays: number;
}

export class DecisionView {
  @ApiProperty() skuId: string;
  @ApiProperty({ enum: ['buy', 'covered', 'no-offer', 'not-in-catalog'] }) outcome: string;
  @ApiProperty({ type: DemandView }) demand: DemandView;
  @ApiProperty({ type: ChosenView, nullable: true }) chosen: ChosenView | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: RejectedView, isArray: true }) rejected: RejectedView[];
}

export class DecisionPageView {
  @ApiProperty({ type: 'integer', minimum: 0 }) page: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Pages of decisions in all' }) pages: number;
  @ApiProperty({ type: DecisionView, isArray: true }) items: DecisionView[];
}

export class RunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger: RunTrigger;
  @ApiProperty() by: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: RunSummaryView, nullable: true }) summary: RunSummaryView | null;
  @ApiProperty({ type: RunOrderView, isArray: true }) orders: RunOrderView[];
}

export class RunWithDecisionsView extends RunView {
  @ApiProperty({ type: DecisionPageView }) decisions: DecisionPageView;
}

export class RunListView {
  @ApiProperty({ type: RunView, isArray: true }) items: RunView[];
}

export function toRunView(r: RunState): RunView {
  const m = (amount: number) => moneyOf(amount, r.currency);
  return {
    id: r._id,
    trigger: r.trigger,
    by: r.by,
    status: r.status,
    startedAt: iso(r.startedAt)!,
    completedAt: iso(r.completedAt),
    summary: r.summary ? { ...r.summary, total: m(r.summary.total) } : null,
    orders: (r.orders ?? []).map((o) => ({ ...o, total: m(o.total) })),
  };
}

export function toDecisionView(d: Decision, currency: string): DecisionView {
  const m = (amount: number) => moneyOf(amount, currency);
  const c = d.chosen;
  return {
    skuId: d.skuId,
    outcome: d.outcome,
    demand: d.demand,
    chosen: c
      ? {
          supplierId: c.supplierId,
          priceListId: c.priceListId,
          quantity: c.quantity,
          unitCost: m(c.unitCost),
          total: m(c.total),
          firstTierUnitCost: m(c.firstTierUnitCost),
          leadTimeDays: c.leadTimeDays,
          upToNextTier: c.upToNextTier,
        }
      : null,
    late: d.late,
    rejected: d.rejected.map((r) => ({ ...r, total: r.total === null ? null : m(r.total) })),
  };
}
