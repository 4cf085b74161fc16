import {
  RESERVATION_REJECTION_REASONS,
  RESERVATION_RELEASE_REASONS,
  SkuQuantityLine,
  StockCommitFailed,
  StockCommitted,
  StockReleased,
  StockReservationRejected,
  StockReserved,
  StockShortLine,
} from '@netdirect/contracts';
import { derivedId, DomainError, DomainEvent, domainEvent } from '@netdirect/runtime';
import { holdKey } from '../stock/stock';

/*
 * The reservation of one order's stock (`reservations`, `_id` = orderId): a
 * state machine over several stock documents, written without transactions.
 * Each step that touches stock first records where it is going ("pending",
 * "rejecting", "releasing", "committing", "returning": the in-flight states),
 * then moves the stock by idempotent per-SKU writes, then records where it
 * arrived, with the event. A crash anywhere leaves an in-flight state that a
 * resume finishes by running the same idempotent writes again. Plain code: the
 * methods return the change (guarded by status and seq) or a DomainError.
 */

export type ReleaseReason = (typeof RESERVATION_RELEASE_REASONS)[number];
export type RejectionReason = (typeof RESERVATION_REJECTION_REASONS)[number];

export const RESERVATION_STATUSES = [
  'pending',
  'reserved',
  'rejecting',
  'rejected',
  'releasing',
  'released',
  'committing',
  'committed',
  'failing',
  'commit-failed',
  'returning',
  'returned',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** States a crash can leave half done; the resume pass finishes them. */
export const IN_FLIGHT: readonly ReservationStatus[] = ['pending', 'rejecting', 'releasing', 'committing', 'failing', 'returning'];

export interface ReservationState {
  _id: string;
  reservationId: string;
  /** One line per SKU (an order's lines of the same SKU are added up). */
  lines: SkuQuantityLine[];
  status: ReservationStatus;
  /** 1 for the reservation at placement; +1 for each reservation again after a lapse (on payment). */
  attempt: number;
  /** `commit`: this attempt reserves for a payment that already arrived, so it goes on to commit. */
  intent: 'hold' | 'commit';
  expiresAt?: Date;
  releaseReason?: ReleaseReason;
  rejectionReason?: RejectionReason;
  shortLines?: StockShortLine[];
  /** Equal to `_id` while in flight: a sparse unique marker, so the resume pass reads only those. */
  inFlight?: string;
  /** Wall-clock lease of the replica driving an in-flight step (others leave it alone until it lapses). */
  leaseUntil: Date;
  seq: number;
  placedAt: Date;
  updatedAt: Date;
}

export interface ReservationChange {
  orderId: string;
  guard: Record<string, unknown>;
  set: Partial<ReservationState>;
  unset: string[];
  events: DomainEvent[];
}

const iso = (d: Date) => d.toISOString();

/** Lines merged per SKU, in SKU order, so an order's repeated SKU is one hold. */
export function mergeLines(lines: { skuId: string; quantity: number }[]): SkuQuantityLine[] {
  const bySku = new Map<string, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
  return [...bySku.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([skuId, quantity]) => ({ skuId, quantity }));
}

export class Reservation {
  private constructor(readonly state: ReservationState) {}

  static from(state: ReservationState): Reservation {
    return new Reservation(state);
  }

  /** A new reservation for a placed order, pending and leased to the replica that handles the order. */
  static place(orderId: string, lines: { skuId: string; quantity: number }[], now: Date, leaseUntil: Date): ReservationState | DomainError {
    const merged = mergeLines(lines);
    if (merged.length === 0) return DomainError.invalid('lines', 'an order needs at least one line');
    if (merged.some((l) => !Number.isSafeInteger(l.quantity) || l.quantity < 1))
      return DomainError.invalid('lines', 'quantities must be positive integers');
    return {
      _id: orderId,
      reservationId: derivedId('reservation', orderId),
      lines: merged,
      status: 'pending',
      attempt: 1,
      intent: 'hold',
      inFlight: orderId,
      leaseUntil,
      seq: 1,
      placedAt: now,
      updatedAt: now,
    };
  }

  get id(): string {
    return this.state._id;
  }
  get status(): ReservationStatus {
    return this.state.status;
  }
  get inFlight(): boolean {
    return IN_FLIGHT.includes(this.state.status);
  }
  /** The key of this attempt's holds on the stock documents. */
  get holdKey(): string {
    return holdKey(this.id, this.state.attempt);
  }

  /** Take over an in-flight step whose lease lapsed (or renew one's own). */
  lease(until: Date, now: Date): ReservationChange | null {
    if (!this.inFlight || this.state.leaseUntil.getTime() > now.getTime()) return null;
    return this.change({ leaseUntil: until }, [], [], now);
  }

  /** Every line is held: reserved until `expiresAt`, or, for a payment, on to committing. */
  held(expiresAt: Date, at: Date): ReservationChange | DomainError {
    if (this.status !== 'pending') return DomainError.conflict(`reservation is ${this.status}, not pending`);
    if (this.state.intent === 'commit') return this.change({ status: 'committing' }, [], [], at);
    return this.change({ status: 'reserved', expiresAt }, ['inFlight'], [
      domainEvent(
        StockReserved,
        {
          orderId: this.id,
          reservationId: this.state.reservationId,
          lines: this.state.lines,
          expiresAt: iso(expiresAt),
          reservedAt: iso(at),
        },
        at,
        derivedId(this.state.reservationId, String(this.state.attempt), 'StockReserved'),
      ),
    ], at);
  }

  /** Some lines are short: give back what was taken, then reject (or fail the commit). */
  short(shortLines: StockShortLine[], reason: RejectionReason, at: Date): ReservationChange | DomainError {
    if (this.status !== 'pending') return DomainError.conflict(`reservation is ${this.status}, not pending`);
    return this.change(
      { status: this.state.intent === 'commit' ? 'failing' : 'rejecting', shortLines, rejectionReason: reason },
      [],
      [],
      at,
    );
  }

  /** What was taken is given back: the rejection (or failed commit) is final. */
  compensated(at: Date): ReservationChange | DomainError {
    const shortLines = this.state.shortLines ?? [];
    if (this.status === 'rejecting')
      return this.change({ status: 'rejected' }, ['inFlight'], [
        domainEvent(
          StockReservationRejected,
          { orderId: this.id, reason: this.state.rejectionReason ?? 'insufficient-stock', shortLines, rejectedAt: iso(at) },
          at,
          derivedId(this.state.reservationId, String(this.state.attempt), 'StockReservationRejected'),
        ),
      ], at);
    if (this.status === 'failing')
      return this.change({ status: 'commit-failed' }, ['inFlight'], [
        domainEvent(
          StockCommitFailed,
          { orderId: this.id, reservationId: this.state.reservationId, shortLines, failedAt: iso(at) },
          at,
          derivedId(this.state.reservationId, String(this.state.attempt), 'StockCommitFailed'),
        ),
      ], at);
    return DomainError.conflict(`reservation is ${this.status}, not being compensated`);
  }

  /**
   * The order was paid: commit what is held, or, if the reservation lapsed
   * (expired, or rejected earlier), reserve again for the payment. Null when
   * there is nothing to do (committed already, or committing).
   */
  pay(at: Date): ReservationChange | DomainError | null {
    switch (this.status) {
      case 'reserved':
        return this.change({ status: 'committing' }, [], [], at);
      case 'released':
        if (this.state.releaseReason !== 'reservation-expired')
          return DomainError.rule('status', `the reservation was released (${this.state.releaseReason}); a payment cannot revive it`);
        return this.again(at);
      case 'rejected':
        return this.again(at);
      case 'committing':
      case 'committed':
      case 'failing':
      case 'commit-failed':
      case 'returning':
      case 'returned':
        return null;
      default:
        return DomainError.conflict(`reservation is ${this.status}; the payment waits for it`);
    }
  }

  /** The committed units have left on-hand stock. */
  committed(at: Date): ReservationChange | DomainError {
    if (this.status !== 'committing') return DomainError.conflict(`reservation is ${this.status}, not committing`);
    return this.change({ status: 'committed' }, ['inFlight'], [
      domainEvent(
        StockCommitted,
        { orderId: this.id, reservationId: this.state.reservationId, lines: this.state.lines, committedAt: iso(at) },
        at,
        derivedId(this.state.reservationId, 'StockCommitted'),
      ),
    ], at);
  }

  /** The reservation lapsed (its timer fired); only the attempt the timer was set for, only while reserved. */
  expire(attempt: number, at: Date): ReservationChange | null {
    if (this.status !== 'reserved' || this.state.attempt !== attempt) return null;
    return this.change({ status: 'releasing', releaseReason: 'reservation-expired', inFlight: this.id }, [], [], at);
  }

  /**
   * The order was cancelled: release what is held, or return committed units
   * to stock (cancelled before shipment). Null when nothing is held any more.
   */
  cancel(at: Date): ReservationChange | DomainError | null {
    switch (this.status) {
      case 'reserved':
        return this.change({ status: 'releasing', releaseReason: 'order-cancelled', inFlight: this.id }, [], [], at);
      case 'committed':
        return this.change({ status: 'returning', releaseReason: 'committed-order-cancelled', inFlight: this.id }, [], [], at);
      case 'pending':
      case 'committing':
        return DomainError.conflict(`reservation is ${this.status}; the cancellation waits for it`);
      default:
        return null;
    }
  }

  /** The held (or returned) units are available again. */
  released(at: Date): ReservationChange | DomainError {
    if (this.status !== 'releasing' && this.status !== 'returning')
      return DomainError.conflict(`reservation is ${this.status}, not releasing`);
    return this.change({ status: this.status === 'releasing' ? 'released' : 'returned' }, ['inFlight'], [
      domainEvent(
        StockReleased,
        {
          orderId: this.id,
          reservationId: this.state.reservationId,
          lines: this.state.lines,
          reason: this.state.releaseReason ?? 'order-cancelled',
          releasedAt: iso(at),
        },
        at,
        derivedId(this.state.reservationId, String(this.state.attempt), this.status, 'StockReleased'),
      ),
    ], at);
  }

  private again(at: Date): ReservationChange {
    return this.change(
      { status: 'pending', intent: 'commit', attempt: this.state.attempt + 1, inFlight: this.id },
      ['shortLines', 'rejectionReason', 'releaseReason', 'expiresAt'],
      [],
      at,
    );
  }

  private change(set: Partial<ReservationState>, unset: string[], events: DomainEvent[], at: Date): ReservationChange {
    return {
      orderId: this.id,
      guard: { status: this.status, seq: this.state.seq },
      set: { ...set, seq: this.state.seq + 1, updatedAt: at },
      unset,
      events,
    };
  }
}

/**
 * The state a change leaves once applied: what the store holds after a
 * successful compare-and-set, so the next step need not read it back.
 */
export function afterChange(state: ReservationState, change: ReservationChange): ReservationState {
  const next = { ...state, ...change.set } as Record<string, unknown>;
  for (const field of change.unset) delete next[field];
  return next as unknown as ReservationState;
}
