import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock, DomainError, SERVICE_SETTINGS } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { inParallel } from '../common/in-parallel';
import { CatalogSkuRepository } from '../catalog-skus/catalog-sku.repository';
import { DemandEntry } from '../demand/demand';
import { DemandRepository } from '../demand/demand.repository';
import { currentLists } from '../price-lists/price-list';
import { PriceListRepository } from '../price-lists/price-list.repository';
import { ProcurementSettings } from '../procurement.settings';
import { PurchaseOrder } from '../purchase-orders/purchase-order';
import { PurchaseOrderRepository } from '../purchase-orders/purchase-order.repository';
import { SupplierRepository } from '../suppliers/supplier.repository';
import { Decision, decideSku, ordersOf, PlannedOrder } from './run-plan';
import { RunRepository } from './run.repository';
import { RunState, RunSummary, RunTrigger } from './run.schema';

/**
 * A procurement run, in steps that each survive a crash:
 *
 * 1. take the run lease (one run at a time) and write the run (`planning`);
 * 2. read demand, offers, the catalog's SKUs and what is on order, once;
 *    decide every SKU in memory; write the decisions in chunks and move to
 *    `issuing` with the orders' summary. A crash before the move re-plans
 *    (nothing was issued yet);
 * 3. issue each purchase order under an id derived from the run and the
 *    supplier (an order already written is skipped), remove the demand the
 *    decisions answered (idempotent), move to `done`, release the lease.
 *    A crash here resumes from the stored decisions, so nothing is issued twice.
 *
 * A replica resumes a run whose lease lapsed (see ResumeRunsService).
 */
@Injectable()
export class RunProcess {
  private readonly log = new Logger('ProcurementRuns');

  constructor(
    private readonly runs: RunRepository,
    private readonly demand: DemandRepository,
    private readonly lists: PriceListRepository,
    private readonly suppliers: SupplierRepository,
    private readonly catalog: CatalogSkuRepository,
    private readonly orders: PurchaseOrderRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Start a run now and carry it through; 409 while another run is in progress. */
  async start(trigger: RunTrigger, by: string, runId: string = randomUUID()): Promise<RunState> {
    const now = this.clock.now();
    if (await this.runs.find(runId)) return this.runs.get(runId);
    if (!(await this.runs.acquire(runId, this.leaseFrom(now)))) throw DomainError.conflict('A procurement run is in progress; try again when it is done');
    await this.runs.insert({
      _id: runId,
      trigger,
      by,
      status: 'planning',
      currency: this.settings.PROCUREMENT_CURRENCY,
      startedAt: now,
      completedAt: null,
      summary: null,
      orders: [],
      chunkCount: 0,
      seq: 0,
    });
    return this.execute(runId);
  }

  /** Resume the run a crashed replica left (its lease lapsed); 1 if one was resumed. */
  async resume(): Promise<number> {
    const now = this.clock.now();
    const runId = await this.runs.takeOverLapsed(now, this.leaseFrom(now));
    if (!runId) return 0;
    if (!(await this.runs.find(runId))) {
      // The owner crashed between taking the lease and writing the run: nothing happened yet.
      await this.runs.release(runId);
      return 0;
    }
    await this.execute(runId);
    return 1;
  }

  private async execute(runId: string): Promise<RunState> {
    let run = await this.runs.get(runId);
    const t0 = performance.now();
    let planned: Decision[] | undefined;
    if (run.status === 'planning') {
      const decisions = await this.plan(this.clock.now());
      const t1 = performance.now();
      const orders = ordersOf(runId, decisions);
      const chunkCount = await this.runs.writeDecisions(runId, decisions);
      this.log.log(`run ${runId}: ${decisions.length} SKUs decided in ${ms(t1 - t0)}, decisions stored in ${ms(performance.now() - t1)}`);
      await this.runs.renew(runId, this.leaseFrom(this.clock.now()));
      const advanced = await this.runs.advance(runId, 'planning', {
        status: 'issuing',
        chunkCount,
        summary: summarise(decisions, orders),
        orders: orders.map((o) => ({
          purchaseOrderId: o.purchaseOrderId,
          supplierId: o.supplierId,
          priceListId: o.priceListId,
          lineCount: o.lines.length,
          total: o.total,
        })),
      });
      run = await this.runs.get(runId);
      // Only our own plan is the stored one; if another replica moved the run meanwhile, read what it stored.
      if (advanced) planned = decisions;
    }
    if (run.status === 'issuing') {
      const t2 = performance.now();
      // After a crash, from the stored decisions, never a new plan: the same orders under the same ids.
      const decisions = planned ?? (await this.runs.decisions(runId, run.chunkCount));
      const orders = ordersOf(runId, decisions);
      const currency = run.currency;
      await inParallel(orders, 4, (order) => {
        const { state, events } = PurchaseOrder.issue(runId, order, currency, this.clock.now());
        return this.orders.insert(state, events);
      });
      const t3 = performance.now();
      await this.demand.consume(decisions.map((d) => ({ skuId: d.skuId, keys: d.consumed })));
      this.log.log(`run ${runId}: ${orders.length} orders issued in ${ms(t3 - t2)}, demand consumed in ${ms(performance.now() - t3)}`);
      await this.runs.advance(runId, 'issuing', { status: 'done', completedAt: this.clock.now() });
      run = await this.runs.get(runId);
    }
    await this.runs.release(runId);
    return run;
  }

  /**
   * Read everything a run decides from once, and decide every SKU with
   * demand as its offers stream past (the offers are never all in memory),
   * in SKU order.
   */
  async plan(at: Date): Promise<Decision[]> {
    const demand = new Map<string, Record<string, DemandEntry>>();
    for await (const d of this.demand.cursor()) if (d.entries && Object.keys(d.entries).length) demand.set(d._id, d.entries);
    const active = new Set((await this.suppliers.list()).filter((s) => s.status === 'active').map((s) => s._id));
    const current = new Set([...currentLists(await this.lists.headers(), at)].filter(([s]) => active.has(s)).map(([, list]) => list));
    const ctx = {
      needWithinDays: this.settings.PROCUREMENT_NEED_WITHIN_DAYS,
      buyable: await this.catalog.buyable(),
      onOrder: await this.orders.onOrder(),
    };
    const decisions: Decision[] = [];
    const decided = new Set<string>();
    for await (const doc of this.lists.offerCursor()) {
      const entries = demand.get(doc._id);
      if (!entries) continue;
      const d = decideSku(doc._id, entries, doc.offers.filter((o) => current.has(o.priceListId)), ctx);
      if (d) decisions.push(d);
      decided.add(doc._id);
    }
    for (const [skuId, entries] of demand) {
      if (decided.has(skuId)) continue;
      const d = decideSku(skuId, entries, [], ctx);
      if (d) decisions.push(d);
    }
    return decisions.sort((x, y) => (x.skuId < y.skuId ? -1 : x.skuId > y.skuId ? 1 : 0));
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + this.settings.PROCUREMENT_RUN_LEASE);
  }
}

const ms = (x: number) => `${Math.round(x)} ms`;

function summarise(decisions: Decision[], orders: PlannedOrder[]): RunSummary {
  const count = (o: Decision['outcome']) => decisions.filter((d) => d.outcome === o).length;
  return {
    skus: decisions.length,
    bought: count('buy'),
    covered: count('covered'),
    noOffer: count('no-offer'),
    notInCatalog: count('not-in-catalog'),
    late: decisions.filter((d) => d.late).length,
    total: orders.reduce((t, o) => t + o.total, 0),
  };
}
