import { providerHandoffTopic } from '@netdirect/contracts';
import { DomainError } from '@netdirect/runtime';
import { Shipment, ShipmentState, StatusReport } from './shipment';

const at = new Date('2026-03-01T10:00:00Z');
const min = (m: number) => new Date(at.getTime() + m * 60_000);

function requested(): ShipmentState {
  const decision = { decidedAt: at, providerId: 'p1', candidates: [] };
  return Shipment.create(
    { id: 's1', orderId: 'o1', direction: 'outbound', returnId: null, serviceLevel: 'standard', destination: { name: 'A', lines: ['x'], city: 'B', postalCode: '1', country: 'DE' }, pickup: null, lines: [{ skuId: 'k', quantity: 1 }] },
    decision,
    [{ index: 1, weightGrams: 100, lines: [{ skuId: 'k', quantity: 1 }] }],
    at,
  ).state;
}

let n = 0;
const report = (status: StatusReport['status'], m: number, extra: Partial<StatusReport> = {}): StatusReport => ({ webhookId: `w${n++}`, providerId: 'p1', status, occurredAt: min(m), providerReference: 'R', ...extra });

/** Apply reports in turn as the repository would, returning the last outcome and state. */
function apply(s: ShipmentState, ...reports: StatusReport[]) {
  let outcome = '';
  let events: string[] = [];
  for (const r of reports) {
    const d = Shipment.report(s, r, min(100));
    if (d instanceof DomainError) throw d;
    s = { ...s, ...d.change.set, seq: s.seq + 1 } as ShipmentState;
    outcome = d.outcome;
    events = d.change.events.map((e) => e.contract.name);
  }
  return { s, outcome, events };
}

describe('Shipment.report', () => {
  it('a forward jump to delivered announces the skipped acceptance and dispatch', () => {
    const { s, events } = apply(requested(), report('delivered', 5, { proofReference: 'p' }));
    expect(s.status).toBe('delivered');
    expect(events).toEqual(['ShipmentStatusReported', 'ShipmentAccepted', 'ShipmentDispatched', 'ShipmentDelivered']);
  });

  it('an earlier step arriving late goes into the history in its place, without moving the status', () => {
    const { s, outcome } = apply(requested(), report('in-transit', 10), report('picked-up', 5));
    expect(outcome).toBe('recorded-late');
    expect(s.status).toBe('in-transit');
    expect(s.history.map((h) => h.status)).toEqual(['unroutable', 'requested', 'picked-up', 'in-transit']);
  });

  it('refuses backwards, after a final state, and newer-yet-earlier-in-time reports, keeping them with the reason', () => {
    let r = apply(requested(), report('out-for-delivery', 10), report('picked-up', 20));
    expect(r.outcome).toBe('refused');
    expect(r.s.refused[0].reason).toMatch(/backwards/);
    r = apply(r.s, report('delivered', 30, { proofReference: 'p' }), report('in-transit', 40));
    expect(r.outcome).toBe('refused');
    expect(r.s.refused[1].reason).toMatch(/final/);
    r = apply(requested(), report('picked-up', 10), report('delivered', 5, { proofReference: 'p' }));
    expect(r.outcome).toBe('refused');
    expect(r.s.status).toBe('picked-up');
  });

  it('lets a provider retry a failed attempt, and return to sender after failing for good', () => {
    const { s, events } = apply(requested(), report('failed', 10, { reason: 'recipient-absent' }), report('out-for-delivery', 20), report('failed', 30, { reason: 'refused' }), report('returned', 40));
    expect(s.status).toBe('returned');
    expect(events).toEqual(['ShipmentStatusReported', 'ShipmentReturnedToSender']);
  });

  it("forbids another provider's report and needs a reason with failed and a proof with delivered", () => {
    expect(Shipment.report(requested(), report('accepted', 1, { providerId: 'p2' }), at)).toMatchObject({ kind: 'forbidden' });
    expect(Shipment.report(requested(), report('failed', 1), at)).toMatchObject({ kind: 'rule' });
    expect(Shipment.report(requested(), report('delivered', 1), at)).toMatchObject({ kind: 'rule' });
  });
});

describe('Shipment.reroute', () => {
  const next = { decidedAt: min(31), providerId: 'p2', candidates: [] };
  const parcels = [{ index: 1, weightGrams: 100, lines: [{ skuId: 'k', quantity: 1 }] }];

  it('cancels on the old provider, announces the re-route and requests from the new one, under the same id', () => {
    const change = Shipment.reroute(requested(), 0, next, parcels, min(31))!;
    expect(change.set).toMatchObject({ providerId: 'p2', status: 'requested' });
    expect(change.events.map((e) => [e.contract.name, e.alsoTo?.map((t) => t.name)])).toEqual([
      ['ShipmentCancelled', [providerHandoffTopic('p1').name]],
      ['ShipmentRerouted', undefined],
      ['ShipmentRequested', [providerHandoffTopic('p2').name]],
    ]);
  });

  it('does nothing once accepted, when the routing moved on, or with nobody else', () => {
    const accepted = apply(requested(), report('accepted', 1)).s;
    expect(Shipment.reroute(accepted, 0, next, parcels, min(31))).toBeNull();
    expect(Shipment.reroute(requested(), 1, next, parcels, min(31))).toBeNull();
    expect(Shipment.reroute(requested(), 0, { ...next, providerId: null }, null, min(31))).toBeNull();
  });
});

describe('a suspended provider gives its unaccepted shipments up', () => {
  const next = { decidedAt: min(5), providerId: 'p2', candidates: [] };
  const nobody = { decidedAt: min(5), providerId: null, candidates: [] };
  const parcels = [{ index: 1, weightGrams: 100, lines: [{ skuId: 'k', quantity: 1 }] }];

  it('to the next provider, with the suspension as the reason on both events', () => {
    const change = Shipment.reroute(requested(), 0, next, parcels, min(5), 'provider-suspended')!;
    expect(change.events.map((e) => [e.contract.name, (e.data as { reason?: string }).reason])).toEqual([
      ['ShipmentCancelled', 'provider-suspended'],
      ['ShipmentRerouted', 'provider-suspended'],
      ['ShipmentRequested', undefined],
    ]);
  });

  it('back to the unroutable queue when nobody else can take it, the provider told to drop it', () => {
    const change = Shipment.withdraw(requested(), 'p1', nobody, min(5))!;
    expect(change.set).toMatchObject({ status: 'unroutable', providerId: null, parcels: [] });
    expect(change.set.routing).toHaveLength(2);
    expect(change.events.map((e) => [e.contract.name, (e.data as { reason?: string }).reason, e.alsoTo?.map((t) => t.name)])).toEqual([['ShipmentCancelled', 'provider-suspended', [providerHandoffTopic('p1').name]]]);
    const waiting = { ...requested(), ...change.set, seq: 1 } as ShipmentState;
    expect(Shipment.routeAgain(waiting, next, parcels, min(10))!.set).toMatchObject({ status: 'requested', providerId: 'p2' });
  });

  it('keeps what it accepted, and what another provider has', () => {
    expect(Shipment.withdraw(apply(requested(), report('accepted', 1)).s, 'p1', nobody, min(5))).toBeNull();
    expect(Shipment.withdraw(requested(), 'p2', nobody, min(5))).toBeNull();
  });
});
