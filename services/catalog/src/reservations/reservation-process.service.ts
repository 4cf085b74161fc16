import { Inject, Injectable, Logger } from '@nestjs/common';
import { StockShortLine } from '@netdirect/contracts';
import { addDuration, CLOCK, Clock, DomainError, isDomainError, SERVICE_SETTINGS, TimerService } from '@netdirect/runtime';
import { CatalogSettings } from '../catalog.settings';
import { holdKey, returnCommittedKey, Stock, StockLevels, StockState } from '../stock/stock';
import { moveStockOnce, StockRepository } from '../stock/stock.repository';
import { afterChange, RejectionReason, Reservation, ReservationChange, ReservationState } from './reservation';
import { ReservationRepository } from './reservation.repository';

/** The durable timer that releases a reservation nobody paid for; id `<orderId>:<attempt>`. */
export const RESERVATION_EXPIRY = 'reservation-expiry';

/**
 * The durable timer, set after a replica took over another's lapsed step, that
 * gives back holds the slow replica may still have written once the reservation
 * moved on without it (and then crashed before noticing); id `<orderId>:<attempt>`.
 */
export const RESERVATION_ORPHAN_CHECK = 'reservation-orphan-check';

/**
 * Drives reservations through their states: writes where a step is going,
 * moves the stock by idempotent per-SKU writes, writes where it arrived (see
 * reservation.ts). Every entry point ends in {@link advance}, which also
 * finishes whatever a crashed replica left in flight, so the consumers, the
 * expiry timer and the resume pass share one path.
 */
@Injectable()
export class ReservationProcess {
  private readonly log = new Logger('Reservations');

  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly timers: TimerService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_SETTINGS) private readonly settings: CatalogSettings,
  ) {}

  /** OrderPlaced: reserve every line or none. A redelivery finds the reservation and only finishes it. */
  async place(orderId: string, lines: { skuId: string; quantity: number }[]): Promise<Reservation> {
    const state = Reservation.place(orderId, lines, this.clock.now(), this.leaseUntil());
    if (isDomainError(state)) throw state;
    const created = await this.reservations.insert(state);
    return created ? this.advance(orderId, true, state) : this.advance(orderId, false);
  }

  /** OrderPaid: commit, or reserve again after a lapse and commit (StockCommitFailed when short). */
  async pay(orderId: string): Promise<Reservation | null> {
    return this.transition(orderId, (r) => r.pay(this.clock.now()));
  }

  /** OrderCancelled: release held stock, or return committed stock not yet shipped. */
  async cancel(orderId: string): Promise<Reservation | null> {
    return this.transition(orderId, (r) => r.cancel(this.clock.now()));
  }

  /** The expiry timer of one attempt fired. */
  async expire(orderId: string, attempt: number): Promise<void> {
    await this.transition(orderId, (r) => r.expire(attempt, this.clock.now()));
  }

  /**
   * Finish the in-flight reservations whose lease lapsed (their replica
   * crashed or stopped mid-step). Runs at start and periodically.
   */
  async resume(limit = 200): Promise<number> {
    let finished = 0;
    for (const state of await this.reservations.inFlight(limit)) {
      if (state.leaseUntil.getTime() > Date.now()) continue;
      try {
        await this.advance(state._id, false);
        finished++;
      } catch (e) {
        this.log.warn(`resuming reservation ${state._id} failed: ${(e as Error).message}`);
      }
    }
    return finished;
  }

  /** Apply a transition decided by the aggregate, then drive the reservation to a resting state. */
  private async transition(
    orderId: string,
    decide: (r: Reservation) => ReservationChange | DomainError | null,
  ): Promise<Reservation | null> {
    const r = await this.reservations.find(orderId);
    if (!r) return null;
    const change = decide(r);
    if (isDomainError(change)) throw change;
    if (!change) return this.advance(orderId, false);
    change.set.leaseUntil = this.leaseUntil();
    if (!(await this.reservations.apply(change)))
      throw DomainError.conflict(`reservation ${orderId} changed meanwhile`);
    return this.advance(orderId, true, afterChange(r.state, change));
  }

  /**
   * Run in-flight steps until the reservation rests. `owned`: this replica
   * just wrote the state and holds its lease; otherwise an in-flight step is
   * taken over only once its lease lapsed. `known`: the state this replica
   * just wrote (no need to read it back); after a lost race it reads again.
   */
  async advance(orderId: string, owned: boolean, known?: ReservationState): Promise<Reservation> {
    let tookOver: number | undefined;
    for (let step = 0; step < 10; step++) {
      const r = known ? Reservation.from(known) : await this.reservations.find(orderId);
      known = undefined;
      if (!r) throw DomainError.notFound(`No reservation for order ${orderId}`);
      if (!r.inFlight) {
        if (r.status === 'reserved') await this.scheduleExpiry(r);
        if (tookOver !== undefined) await this.scheduleOrphanCheck(orderId, tookOver);
        return r;
      }
      if (!owned) {
        const lease = r.lease(this.leaseUntil(), new Date());
        if (!lease) return r; // another replica is on it; the resume pass takes over if it stops
        if (!(await this.reservations.apply(lease))) continue;
        owned = true;
        tookOver = r.state.attempt;
        known = afterChange(r.state, lease);
        continue;
      }
      const next = await this.step(r);
      if (isDomainError(next)) throw next;
      if (await this.reservations.apply(next)) known = afterChange(r.state, next);
      else {
        // Someone else moved it (a takeover after our lease lapsed): our holds may be orphans.
        await this.dropOrphanHolds(orderId, r);
        owned = false;
      }
    }
    throw DomainError.conflict(`reservation ${orderId} did not settle`);
  }

  /** The stock writes of one in-flight state, and the change that records their outcome. */
  private async step(r: Reservation): Promise<ReservationChange | DomainError> {
    const now = this.clock.now();
    const { lines } = r.state;
    switch (r.status) {
      case 'pending': {
        const short: StockShortLine[] = [];
        let reason: RejectionReason = 'insufficient-stock';
        for (const line of lines) {
          const taken = short.length === 0 ? await this.hold(line.skuId, r.holdKey, line.quantity, now) : 'not-tried';
          if (taken === 'held') continue;
          // Not held (or no use taking more, all or nothing): the short line says why.
          const s = taken === 'not-tried' ? await this.stock.find(line.skuId) : taken;
          const status = s?.state.skuStatus;
          const available = status === 'active' ? s!.state.available : 0;
          if (taken === 'not-tried' && available >= line.quantity) continue;
          short.push({ skuId: line.skuId, requested: line.quantity, available });
          reason = worstReason(reason, !s ? 'unknown-sku' : status === 'retired' ? 'sku-retired' : status === 'active' ? 'insufficient-stock' : 'sku-not-on-sale');
        }
        if (short.length) return r.short(short, reason, now);
        return r.held(addDuration(now, this.settings.CATALOG_RESERVATION_TTL), now);
      }
      case 'rejecting':
      case 'failing':
      case 'releasing':
        await this.releaseHolds(lines, r.holdKey);
        return r.status === 'releasing' ? r.released(now) : r.compensated(now);
      case 'committing':
        for (const line of lines) await this.stock.apply(Stock.commitHold(line.skuId, r.holdKey, line.quantity));
        await this.timers.cancel(RESERVATION_EXPIRY, `${r.id}:${r.state.attempt}`);
        return r.committed(now);
      case 'returning':
        for (const line of lines)
          await moveStockOnce(this.stock, line.skuId, returnCommittedKey(r.id), line.quantity, now, (s) =>
            s.returnCommitted(r.id, line.quantity, now),
          );
        return r.released(now);
      default:
        return DomainError.conflict(`reservation is ${r.status}`);
    }
  }

  /**
   * Hold one line: 'held' when this attempt's hold is on the SKU (taken now,
   * or before a crash, or by a redelivery), else the stock that refused it
   * (null: unknown SKU). A refusal while the re-read shows enough available
   * (units released in between) is tried again, never taken as held.
   */
  private async hold(skuId: string, key: string, quantity: number, now: Date): Promise<'held' | Stock | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = await this.stock.applyReturning(Stock.hold(skuId, key, quantity));
      if (taken) {
        await this.checkReorder(taken, now);
        return 'held';
      }
      const s = await this.stock.find(skuId);
      if (!s || s.state.skuStatus !== 'active') return s;
      if (s.state.holds?.[key] === quantity) return 'held';
      if (s.state.available < quantity) return s;
    }
    throw DomainError.conflict(`the stock of ${skuId} kept changing while holding it`);
  }

  /**
   * After losing a race on the reservation: if it came to rest holding nothing
   * for this attempt (rejected, released, failed), give back what this
   * replica may have taken for it. Releasing is idempotent by hold key.
   */
  private async dropOrphanHolds(orderId: string, before: Reservation): Promise<void> {
    const now = await this.reservations.find(orderId);
    if (!now || now.state.attempt !== before.state.attempt) return;
    if (!['rejected', 'released', 'commit-failed', 'returned'].includes(now.status)) return;
    await this.releaseHolds(before.state.lines, before.holdKey);
  }

  /**
   * The orphan check of one attempt, after a takeover: if the reservation no
   * longer holds for that attempt (it came to rest rejected, released,
   * committed…, or a later attempt began), any hold with the attempt's key is
   * an orphan of the replica that was taken over, and is given back. Returns
   * the units released.
   */
  async releaseOrphanHolds(orderId: string, attempt: number): Promise<number> {
    const r = await this.reservations.find(orderId);
    if (!r) return 0;
    if (r.state.attempt === attempt && r.inFlight) {
      await this.scheduleOrphanCheck(orderId, attempt); // moving again: look once it rests
      return 0;
    }
    if (r.state.attempt === attempt && r.status === 'reserved') return 0; // its holds are the reservation's own
    const released = await this.releaseHolds(r.state.lines, holdKey(orderId, attempt));
    if (released) this.log.warn(`released ${released} orphaned units held for ${orderId} (attempt ${attempt})`);
    return released;
  }

  /** Give back an attempt's holds on these lines, where they still are (idempotent by hold key). */
  private async releaseHolds(lines: { skuId: string; quantity: number }[], key: string): Promise<number> {
    let released = 0;
    for (const line of lines) {
      const after = await this.stock.applyReturning(Stock.releaseHold(line.skuId, key, line.quantity));
      if (!after) continue;
      released += line.quantity;
      await this.checkReorder(after, this.clock.now());
    }
    return released;
  }

  private async scheduleOrphanCheck(orderId: string, attempt: number): Promise<void> {
    const dueAt = new Date(this.clock.now().getTime() + 2 * this.settings.CATALOG_RESERVATION_LEASE);
    const timer = { kind: RESERVATION_ORPHAN_CHECK, id: `${orderId}:${attempt}`, dueAt, data: { orderId, attempt } };
    if (!(await this.timers.schedule(timer))) await this.timers.reschedule(timer.kind, timer.id, dueAt);
  }

  /**
   * Raise or clear the SKU's reorder marker after a movement, from the levels
   * that write answered (no extra read unless the marker must change and a
   * concurrent movement got there first).
   */
  private async checkReorder(levels: StockLevels, at: Date): Promise<void> {
    let change = Stock.from(levels as StockState).reorderCheck(at);
    for (let attempt = 0; change && attempt < 3; attempt++) {
      if (await this.stock.apply(change)) return;
      change = (await this.stock.find(levels._id))?.reorderCheck(at) ?? null;
    }
    // Lost to concurrent movements three times: the next movement of this SKU checks again.
  }

  private async scheduleExpiry(r: Reservation): Promise<void> {
    if (!r.state.expiresAt) return;
    await this.timers.schedule({
      kind: RESERVATION_EXPIRY,
      id: `${r.id}:${r.state.attempt}`,
      dueAt: r.state.expiresAt,
      data: { orderId: r.id, attempt: r.state.attempt },
    });
  }

  private leaseUntil(): Date {
    return new Date(Date.now() + this.settings.CATALOG_RESERVATION_LEASE);
  }
}

/** The reason an order names when several lines are short: the one furthest from "try again later". */
const REASON_ORDER: RejectionReason[] = ['insufficient-stock', 'sku-not-on-sale', 'sku-retired', 'unknown-sku'];
function worstReason(a: RejectionReason, b: RejectionReason): RejectionReason {
  return REASON_ORDER.indexOf(a) >= REASON_ORDER.indexOf(b) ? a : b;
}
