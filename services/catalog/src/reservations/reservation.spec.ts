import { StockCommitFailed, StockCommitted, StockReleased, StockReservationRejected, StockReserved } from '@netdirect/contracts';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { afterChange, mergeLines, Reservation, ReservationChange, ReservationState } from './reservation';

const at = new Date('2030-01-01T00:00:00Z');
const later = new Date('2030-01-01T00:30:00Z');

function placed(): ReservationState {
  const s = Reservation.place('o-1', [{ skuId: 'b', quantity: 1 }, { skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 3 }], at, at);
  if (isDomainError(s)) throw s;
  return s;
}
function then(s: ReservationState, c: ReservationChange | DomainError | null): ReservationState {
  if (!c || isDomainError(c)) throw new Error(`no change: ${String(c)}`);
  expect(c.guard).toEqual({ status: s.status, seq: s.seq });
  return afterChange(s, c);
}

describe('Reservation', () => {
  it('merges an order’s lines per SKU, in SKU order', () => {
    expect(mergeLines(placed().lines)).toEqual([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 4 }]);
    expect(placed()).toMatchObject({ status: 'pending', attempt: 1, inFlight: 'o-1' });
  });

  it('reserves, then commits on payment', () => {
    const s0 = placed();
    const c1 = Reservation.from(s0).held(later, at) as ReservationChange;
    expect(c1.events[0].contract).toBe(StockReserved);
    const s1 = then(s0, c1);
    expect(s1).toMatchObject({ status: 'reserved', expiresAt: later });
    expect(s1.inFlight).toBeUndefined();
    const s2 = then(s1, Reservation.from(s1).pay(at));
    expect(s2.status).toBe('committing');
    const c3 = Reservation.from(s2).committed(at) as ReservationChange;
    expect(c3.events[0].contract).toBe(StockCommitted);
    expect(Reservation.from(then(s2, c3)).pay(at)).toBeNull();
  });

  it('rejects with the short lines after giving back what it took', () => {
    const s0 = placed();
    const s1 = then(s0, Reservation.from(s0).short([{ skuId: 'b', requested: 4, available: 1 }], 'insufficient-stock', at));
    expect(s1.status).toBe('rejecting');
    const c = Reservation.from(s1).compensated(at) as ReservationChange;
    expect(c.events[0].contract).toBe(StockReservationRejected);
    expect(c.events[0].data).toMatchObject({ reason: 'insufficient-stock', shortLines: [{ skuId: 'b', requested: 4, available: 1 }] });
  });

  it('expires only the attempt its timer was set for, and reserves again for a late payment', () => {
    const s1 = then(placed(), Reservation.from(placed()).held(later, at));
    expect(Reservation.from(s1).expire(2, later)).toBeNull();
    const s2 = then(s1, Reservation.from(s1).expire(1, later));
    expect(s2).toMatchObject({ status: 'releasing', releaseReason: 'reservation-expired', inFlight: 'o-1' });
    const c = Reservation.from(s2).released(later) as ReservationChange;
    expect(c.events[0].contract).toBe(StockReleased);
    expect(c.events[0].data).toMatchObject({ reason: 'reservation-expired' });
    const s3 = then(s2, c);
    const s4 = then(s3, Reservation.from(s3).pay(later));
    expect(s4).toMatchObject({ status: 'pending', intent: 'commit', attempt: 2 });
    expect(Reservation.from(s4).holdKey).not.toBe(Reservation.from(s3).holdKey);
    // Reserved again for the payment: straight on to committing, no StockReserved.
    const c5 = Reservation.from(s4).held(later, later) as ReservationChange;
    expect(c5.set.status).toBe('committing');
    expect(c5.events).toHaveLength(0);
    // Short instead: the commit fails, and says so.
    const s6 = then(s4, Reservation.from(s4).short([{ skuId: 'a', requested: 2, available: 0 }], 'insufficient-stock', later));
    expect(s6.status).toBe('failing');
    expect((Reservation.from(s6).compensated(later) as ReservationChange).events[0].contract).toBe(StockCommitFailed);
  });

  it('on cancellation releases held stock, returns committed stock, and waits for a step in flight', () => {
    const reserved = then(placed(), Reservation.from(placed()).held(later, at));
    expect(then(reserved, Reservation.from(reserved).cancel(at))).toMatchObject({ status: 'releasing', releaseReason: 'order-cancelled' });
    const committed = { ...reserved, status: 'committed' as const };
    const returning = then(committed, Reservation.from(committed).cancel(at));
    expect(returning).toMatchObject({ status: 'returning', releaseReason: 'committed-order-cancelled' });
    expect(then(returning, Reservation.from(returning).released(at)).status).toBe('returned');
    expect(isDomainError(Reservation.from(placed()).cancel(at))).toBe(true);
    expect(Reservation.from({ ...reserved, status: 'rejected' }).cancel(at)).toBeNull();
  });
});
