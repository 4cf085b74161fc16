import { ReorderPointReached, StockAdjusted, StockReceived } from '@netdirect/contracts';
import { isDomainError } from '@netdirect/runtime';
import { reorderMarker, Stock, StockChange, StockState } from './stock';

const at = new Date('2030-01-01T00:00:00Z');
const state = (over: Partial<StockState> = {}): StockState => ({ ...Stock.empty('sku-1'), ...over });

/** What a change does to a state, as the store would apply it (no guard check). */
function applied(s: StockState, c: StockChange): StockState {
  const next: Record<string, unknown> = { ...s, holds: { ...s.holds }, applied: [...s.applied] };
  for (const [k, v] of Object.entries(c.inc)) next[k] = (next[k] as number) + v;
  for (const [k, v] of Object.entries(c.set)) {
    if (k.startsWith('holds.')) (next.holds as Record<string, number>)[k.slice(6)] = v as number;
    else next[k] = v;
  }
  for (const k of c.unset) {
    if (k.startsWith('holds.')) delete (next.holds as Record<string, number>)[k.slice(6)];
    else delete next[k];
  }
  if (c.pushApplied) (next.applied as string[]).push(c.pushApplied);
  return next as unknown as StockState;
}

describe('Stock', () => {
  it('receives goods once per receipt, with the levels after the change, guarded by seq', () => {
    const s = state({ onHand: 10, reserved: 4, available: 6, seq: 7 });
    const c = Stock.from(s).receive(5, { purchaseOrderId: 'po', receiptId: 'r1' }, at)!;
    expect(c.guard).toEqual({ seq: 7 });
    expect(c.inc).toEqual({ onHand: 5, available: 5, seq: 1 });
    expect(c.events[0].contract).toBe(StockReceived);
    expect(c.events[0].data).toMatchObject({ quantity: 5, onHand: 15, available: 11, receiptId: 'r1' });
    const after = applied(s, c);
    expect(Stock.from(after).receive(5, { purchaseOrderId: 'po', receiptId: 'r1' }, at)).toBeNull();
    expect(Stock.from(after).receive(5, { purchaseOrderId: 'po', receiptId: 'r2' }, at)).not.toBeNull();
  });

  it('refuses an adjustment that would make available stock negative, and damage that adds units', () => {
    const s = Stock.from(state({ onHand: 10, reserved: 8, available: 2 }));
    const input = { adjustmentId: 'a', reason: 'count', by: 'ops' };
    expect(isDomainError(s.adjust({ ...input, kind: 'count-correction', quantity: -3 }, at))).toBe(true);
    expect(isDomainError(s.adjust({ ...input, kind: 'damage', quantity: 1 }, at))).toBe(true);
    const ok = s.adjust({ ...input, kind: 'damage', quantity: -2 }, at);
    expect(isDomainError(ok)).toBe(false);
    const c = ok as StockChange;
    expect(c.events[0].contract).toBe(StockAdjusted);
    expect(c.events[0].data).toMatchObject({ onHand: 8, available: 0, quantity: -2 });
    expect(c.audit).toMatchObject({ action: 'adjusted', by: 'ops', reason: 'count' });
    expect(c.pushApplied).toBe('adjust:a');
    expect(Stock.from(applied(s.state, c)).adjust({ ...input, kind: 'damage', quantity: -2 }, at)).toBeNull();
  });

  it('returns a cancelled order\'s committed units once, raising the reorder marker only on the way down', () => {
    const s = state({ onHand: 3, available: 3, reorderPoint: 5, reorderQuantity: 10, belowReorder: 'sku-1', seq: 4 });
    const c = Stock.from(s).returnCommitted('ord-1', 4, at)!;
    expect(c).toMatchObject({ guard: { seq: 4 }, inc: { onHand: 4, available: 4, seq: 1 }, unset: ['belowReorder'], events: [] });
    expect(Stock.from(applied(s, c)).returnCommitted('ord-1', 4, at)).toBeNull();
  });

  it('holds only what is available, once per hold key, and never below zero', () => {
    const hold = Stock.hold('sku-1', 'k1', 3);
    expect(hold.guard).toEqual({ available: { $gte: 3 }, 'holds.k1': { $exists: false }, skuStatus: 'active' });
    expect(hold.inc).toEqual({ reserved: 3, available: -3, seq: 1 });
    const held = applied(state({ onHand: 5, available: 5 }), hold);
    expect(held).toMatchObject({ onHand: 5, reserved: 3, available: 2, holds: { k1: 3 } });
    const committed = applied(held, Stock.commitHold('sku-1', 'k1', 3));
    expect(committed).toMatchObject({ onHand: 2, reserved: 0, available: 2, holds: {} });
    const released = applied(held, Stock.releaseHold('sku-1', 'k1', 3));
    expect(released).toMatchObject({ onHand: 5, reserved: 0, available: 5, holds: {} });
  });

  it('raises ReorderPointReached once per downward crossing and clears the marker on the way up', () => {
    const s = { _id: 'sku-1', available: 10, reorderPoint: 10, reorderQuantity: 50, seq: 3 };
    const down = reorderMarker(s, at);
    expect(down.set).toEqual({ belowReorder: 'sku-1' });
    expect(down.events[0].contract).toBe(ReorderPointReached);
    expect(down.events[0].data).toMatchObject({ available: 10, reorderPoint: 10, suggestedQuantity: 50 });
    // Further down while marked: nothing more.
    expect(reorderMarker({ ...s, available: 4, belowReorder: 'sku-1' }, at)).toEqual({ set: {}, unset: [], events: [] });
    // Up again: the marker goes, so the next crossing raises again.
    expect(reorderMarker({ ...s, available: 11, belowReorder: 'sku-1' }, at).unset).toEqual(['belowReorder']);
    // No reorder point: never.
    expect(reorderMarker({ ...s, reorderPoint: null, available: 0 }, at).events).toHaveLength(0);
  });
});
