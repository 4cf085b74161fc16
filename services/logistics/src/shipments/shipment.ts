import {
  PostalAddress,
  providerHandoffTopic,
  ReturnShipmentReceived,
  SHIPMENT_CANCELLATION_REASONS,
  SHIPMENT_FAILURE_REASONS,
  SHIPMENT_REROUTE_REASONS,
  ShipmentAccepted,
  ShipmentCancelled,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentFailed,
  ShipmentRequested,
  ShipmentRerouted,
  ShipmentReturnedToSender,
  ShipmentStatusReported,
} from '@netdirect/contracts';
import { Change, derivedId, DomainError, domainEvent, DomainEvent } from '@netdirect/runtime';
import { ServiceLevel } from '../providers/provider';
import { PackedParcel } from './parcels';
import { RoutingDecision } from './routing';

/*
 * A shipment and its state machine. Plain code: no NestJS, no database.
 */

export const SHIPMENT_STATUSES = [
  'unroutable',
  'requested',
  'accepted',
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'failed',
  'delivered',
  'returned',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** What a provider may report; `unroutable` and `requested` are ours. */
export const REPORTED_STATUSES = ['accepted', 'picked-up', 'in-transit', 'out-for-delivery', 'delivered', 'failed', 'returned'] as const;
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];
export type FailureReason = (typeof SHIPMENT_FAILURE_REASONS)[number];
export type RerouteReason = Extract<(typeof SHIPMENT_REROUTE_REASONS)[number], 'sla-breached' | 'provider-suspended'>;
type CancellationReason = (typeof SHIPMENT_CANCELLATION_REASONS)[number];

/**
 * How far along each status is. A report moves a shipment forward (a jump
 * over steps is fine); `out-for-delivery` and `failed` share a rank because a
 * provider retries a failed attempt; `in-transit` repeats (hub scans).
 */
const RANK: Record<ShipmentStatus, number> = {
  unroutable: 0,
  requested: 0,
  accepted: 1,
  'picked-up': 2,
  'in-transit': 3,
  'out-for-delivery': 4,
  failed: 4,
  delivered: 5,
  returned: 5,
  cancelled: 5,
};
const FINAL: ShipmentStatus[] = ['delivered', 'returned', 'cancelled'];
const REPEATABLE: ShipmentStatus[] = ['in-transit', 'out-for-delivery', 'failed'];

export type Direction = 'outbound' | 'return';

/** One step of the tracking history. */
export interface TrackingEntry {
  status: ShipmentStatus;
  /** When it happened (the provider's time for reports, ours otherwise). */
  occurredAt: Date;
  /** When we recorded it. */
  recordedAt: Date;
  providerId: string | null;
  /** A report that arrived after later ones, recorded without moving the status back. */
  late?: boolean;
  detail?: string | null;
  location?: string | null;
}

/** A report refused, kept with the reason for ops to review. */
export interface RefusedReport {
  webhookId: string;
  providerId: string;
  status: ReportedStatus;
  occurredAt: Date;
  receivedAt: Date;
  reason: string;
}

/** What is stored of a shipment (`shipments`, `_id` derived from its order or return). */
export interface ShipmentState {
  _id: string;
  orderId: string;
  direction: Direction;
  returnId: string | null;
  status: ShipmentStatus;
  providerId: string | null;
  serviceLevel: ServiceLevel;
  destination: PostalAddress;
  /** Where the provider collects the parcels, when not the warehouse (a return: the buyer). */
  pickup: PostalAddress | null;
  lines: { skuId: string; quantity: number }[];
  parcels: { parcelId: string; weightGrams: number; lines: { skuId: string; quantity: number }[] }[];
  /** Every routing decision, the current one last. */
  routing: RoutingDecision[];
  providerReference: string | null;
  /** The provider's time of the last report that moved the status. */
  lastReportAt: Date | null;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  deliveredAt: Date | null;
  proofReference: string | null;
  /** A return: when ops recorded what came back, and how it was. */
  receivedAt?: Date | null;
  receivedLines?: { skuId: string; quantity: number; resellable: boolean }[];
  history: TrackingEntry[];
  refused: RefusedReport[];
  createdAt: Date;
  seq: number;
}

/** An event of a shipment; `alsoTo` names the provider's handoff topic when the provider must see it. */
export type ShipmentEvent = DomainEvent;

/** A provider's status report, as the webhook gives it. */
export interface StatusReport {
  webhookId: string;
  providerId: string;
  status: ReportedStatus;
  occurredAt: Date;
  providerReference: string;
  proofReference?: string | null;
  reason?: FailureReason | null;
  detail?: string | null;
  location?: string | null;
  estimatedDeliveryAt?: Date | null;
}

export type ReportOutcome = 'applied' | 'recorded-late' | 'refused';

export interface NewShipment {
  id: string;
  orderId: string;
  direction: Direction;
  returnId: string | null;
  serviceLevel: ServiceLevel;
  destination: PostalAddress;
  pickup: PostalAddress | null;
  lines: { skuId: string; quantity: number }[];
}

export class Shipment {
  /** A new shipment, routed by `decision`: requested from its provider, or unroutable when it names none. */
  static create(input: NewShipment, decision: RoutingDecision, parcels: PackedParcel[] | null, at: Date): { state: ShipmentState; events: ShipmentEvent[] } {
    const state: ShipmentState = {
      _id: input.id,
      orderId: input.orderId,
      direction: input.direction,
      returnId: input.returnId,
      status: 'unroutable',
      providerId: null,
      serviceLevel: input.serviceLevel,
      destination: input.destination,
      pickup: input.pickup,
      lines: input.lines,
      parcels: [],
      routing: [decision],
      providerReference: null,
      lastReportAt: null,
      acceptedAt: null,
      dispatchedAt: null,
      deliveredAt: null,
      proofReference: null,
      history: [{ status: 'unroutable', occurredAt: at, recordedAt: at, providerId: null }],
      refused: [],
      createdAt: at,
      seq: 0,
    };
    if (!decision.providerId || !parcels) return { state, events: [] };
    const requested = Shipment.requestFrom(state, decision.providerId, parcels, at);
    return { state: { ...state, ...requested.set, routing: [decision] }, events: requested.events };
  }

  /** Route an unroutable shipment again (providers changed); null while still nobody can take it. */
  static routeAgain(s: ShipmentState, decision: RoutingDecision, parcels: PackedParcel[] | null, at: Date): Change<ShipmentState> | null {
    if (s.status !== 'unroutable' || !decision.providerId || !parcels) return null;
    const requested = Shipment.requestFrom(s, decision.providerId, parcels, at);
    return { id: s._id, expectedSeq: s.seq, set: { ...requested.set, routing: [...s.routing, decision] }, events: requested.events };
  }

  /**
   * Take the shipment from its provider and hand it to the one `decision`
   * chose (ShipmentCancelled on the old provider's handoff topic,
   * ShipmentRerouted, ShipmentRequested on the new one's): the provider let
   * its acceptance deadline pass (`sla-breached`) or ops suspended it
   * (`provider-suspended`). Null when it was accepted meanwhile, was already
   * re-routed (the routing it was requested under is no longer the current
   * one), or nobody else can take it.
   */
  static reroute(s: ShipmentState, routingIndex: number, decision: RoutingDecision, parcels: PackedParcel[] | null, at: Date, reason: RerouteReason = 'sla-breached'): Change<ShipmentState> | null {
    if (s.status !== 'requested' || s.routing.length - 1 !== routingIndex || !s.providerId) return null;
    if (!decision.providerId || !parcels || decision.providerId === s.providerId) return null;
    const from = s.providerId;
    const requested = Shipment.requestFrom(s, decision.providerId, parcels, at);
    const rerouted: ShipmentRerouted = { shipmentId: s._id, orderId: s.orderId, direction: s.direction, returnId: s.returnId, fromProviderId: from, toProviderId: decision.providerId, reason, reroutedAt: at.toISOString() };
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: { ...requested.set, routing: [...s.routing, decision] },
      events: [Shipment.dropBy(s, from, reason === 'sla-breached' ? 'rerouted' : reason, at), domainEvent(ShipmentRerouted, rerouted, at), ...requested.events],
    };
  }

  /**
   * Ops suspended the provider that has the shipment and nobody else can
   * take it: the provider is told to drop it (ShipmentCancelled on its
   * handoff topic) and the shipment waits as unroutable until providers
   * change. Null unless it is still requested from that provider and unaccepted.
   */
  static withdraw(s: ShipmentState, providerId: string, decision: RoutingDecision, at: Date): Change<ShipmentState> | null {
    if (s.status !== 'requested' || s.providerId !== providerId) return null;
    const history: TrackingEntry[] = [...s.history, { status: 'unroutable', occurredAt: at, recordedAt: at, providerId: null, detail: `${providerId} was suspended and no other provider can take it` }];
    return {
      id: s._id,
      expectedSeq: s.seq,
      set: { status: 'unroutable', providerId: null, parcels: [], routing: [...s.routing, decision], history },
      events: [Shipment.dropBy(s, providerId, 'provider-suspended', at)],
    };
  }

  /** ShipmentCancelled, also on the handoff topic of the provider that must drop the shipment. */
  private static dropBy(s: ShipmentState, providerId: string, reason: CancellationReason, at: Date): ShipmentEvent {
    const data: ShipmentCancelled = { shipmentId: s._id, orderId: s.orderId, direction: s.direction, providerId, reason, cancelledAt: at.toISOString() };
    return { ...domainEvent(ShipmentCancelled, data, at), alsoTo: [providerHandoffTopic(providerId)] };
  }

  /**
   * The order was cancelled: a shipment not yet picked up is cancelled, and
   * its provider told on its handoff topic (ShipmentCancelled). Null when it
   * is cancelled already or on its way (too late to call back).
   */
  static cancel(s: ShipmentState, at: Date): Change<ShipmentState> | null {
    if (!['unroutable', 'requested', 'accepted'].includes(s.status)) return null;
    const history: TrackingEntry[] = [...s.history, { status: 'cancelled', occurredAt: at, recordedAt: at, providerId: s.providerId }];
    const events: ShipmentEvent[] = [];
    if (s.providerId && s.status !== 'unroutable') events.push(Shipment.dropBy(s, s.providerId, 'order-cancelled', at));
    return { id: s._id, expectedSeq: s.seq, set: { status: 'cancelled', history }, events };
  }

  /** Where routing looks for a provider: the pickup address of a return, else the destination. */
  static routedFrom(s: { pickup?: PostalAddress | null; destination: PostalAddress }): PostalAddress {
    return s.pickup ?? s.destination;
  }

  /**
   * Ops inspected a return that arrived at the warehouse: what came back per
   * SKU and whether it can be sold again (ReturnShipmentReceived; catalog
   * restocks the resellable units). Once only; no more units of a SKU than the return carried.
   */
  static receive(s: ShipmentState, lines: { skuId: string; quantity: number; resellable: boolean }[], at: Date): Change<ShipmentState> | DomainError {
    if (s.direction !== 'return' || !s.returnId) return DomainError.rule('direction', 'only a return shipment is received at the warehouse');
    if (s.receivedAt) return DomainError.rule('receivedAt', `return ${s.returnId} was received at ${new Date(s.receivedAt).toISOString()} already`);
    if (!s.providerId) return DomainError.rule('status', 'the return was never handed to a provider');
    const problems: { field: string; reason: string }[] = [];
    const expected = new Map(s.lines.map((l) => [l.skuId, l.quantity]));
    const got = new Map<string, number>();
    for (const l of lines) got.set(l.skuId, (got.get(l.skuId) ?? 0) + l.quantity);
    for (const [sku, qty] of got) {
      if (!expected.has(sku)) problems.push({ field: 'lines', reason: `SKU ${sku} is not in return ${s.returnId}` });
      else if (qty > expected.get(sku)!) problems.push({ field: 'lines', reason: `${qty} units of ${sku} exceed the ${expected.get(sku)} returned` });
    }
    if (problems.length) return DomainError.rules(problems);
    const data: ReturnShipmentReceived = { shipmentId: s._id, orderId: s.orderId, returnId: s.returnId, providerId: s.providerId, lines, receivedAt: at.toISOString() };
    return { id: s._id, expectedSeq: s.seq, set: { receivedAt: at, receivedLines: lines }, events: [domainEvent(ReturnShipmentReceived, data, at)] };
  }

  /** The providers this shipment was requested from and not accepted by, in turn: not to be asked again. */
  static passedOver(s: ShipmentState): string[] {
    return s.routing.map((r) => r.providerId).filter((p): p is string => p !== null);
  }

  private static requestFrom(s: ShipmentState, providerId: string, packed: PackedParcel[], at: Date): { set: Partial<ShipmentState>; events: ShipmentEvent[] } {
    const parcels = packed.map((p) => ({ parcelId: `${s._id}-${p.index}`, weightGrams: p.weightGrams, lines: p.lines }));
    const data: ShipmentRequested = {
      shipmentId: s._id,
      orderId: s.orderId,
      direction: s.direction,
      returnId: s.returnId,
      providerId,
      serviceLevel: s.serviceLevel,
      destination: s.destination,
      pickupAddress: s.pickup ?? null,
      parcels,
      deliverBy: null,
      requestedAt: at.toISOString(),
    };
    const history: TrackingEntry[] = [...s.history, { status: 'requested', occurredAt: at, recordedAt: at, providerId }];
    return {
      set: { status: 'requested', providerId, parcels, history },
      events: [{ ...domainEvent(ShipmentRequested, data, at), alsoTo: [providerHandoffTopic(providerId)] }],
    };
  }

  /**
   * A provider's status report. Reports are applied in the order of the
   * provider's `occurredAt`: one that moves the shipment forward is applied
   * (a jump over steps too, with the skipped acceptance and dispatch
   * announced); an earlier step arriving after later ones is recorded in
   * the history without moving the status; one that goes backwards, or
   * comes after a final state, is refused and kept with the reason. A
   * provider reporting on a shipment it does not carry is forbidden.
   */
  static report(s: ShipmentState, r: StatusReport, receivedAt: Date): { change: Change<ShipmentState>; outcome: ReportOutcome; reason?: string } | DomainError {
    if (s.providerId !== r.providerId) return DomainError.forbidden(`shipment ${s._id} is not carried by ${r.providerId}`);
    if (r.status === 'failed' && !r.reason) return DomainError.rule('reason', 'a failed report names its reason');
    if (r.status === 'delivered' && !r.proofReference) return DomainError.rule('proofReference', 'a delivered report carries its proof reference');
    if (r.status === 'returned' && s.direction === 'return') return DomainError.rule('status', 'a return shipment cannot be returned to sender');
    const current = s.status;
    const last = s.lastReportAt;
    const entry: TrackingEntry = { status: r.status, occurredAt: r.occurredAt, recordedAt: receivedAt, providerId: r.providerId, detail: r.detail ?? null, location: r.location ?? null };
    const refuse = (reason: string) => ({
      change: { id: s._id, expectedSeq: s.seq, set: { refused: [...s.refused, { webhookId: r.webhookId, providerId: r.providerId, status: r.status, occurredAt: r.occurredAt, receivedAt, reason }] }, events: [] },
      outcome: 'refused' as const,
      reason,
    });
    const older = last !== null && r.occurredAt.getTime() < last.getTime();
    const forward = RANK[r.status] > RANK[current] || (RANK[r.status] === RANK[current] && REPEATABLE.includes(r.status) && REPEATABLE.includes(current));
    if (older) {
      // An earlier step that arrived late fits the order: history only.
      if (RANK[r.status] < RANK[current]) return { change: { id: s._id, expectedSeq: s.seq, set: { history: insertInOrder(s.history, { ...entry, late: true }) }, events: [] }, outcome: 'recorded-late' };
      return refuse(`happened at ${r.occurredAt.toISOString()}, before the last applied report (${last!.toISOString()}), yet is not an earlier step`);
    }
    if (FINAL.includes(current)) return refuse(`the shipment is ${current}, a final state`);
    if (!forward) return refuse(`goes backwards from ${current} to ${r.status}`);

    const at = r.occurredAt;
    const iso = at.toISOString();
    const base = { shipmentId: s._id, orderId: s.orderId, direction: s.direction, returnId: s.returnId, providerId: r.providerId };
    const stable = (kind: string) => derivedId('shipment-report', s._id, kind, r.providerId, r.webhookId);
    const events: ShipmentEvent[] = [];
    const set: Partial<ShipmentState> = { status: r.status, lastReportAt: at, providerReference: s.providerReference ?? r.providerReference, history: insertInOrder(s.history, entry) };
    const reference = set.providerReference!;
    const reported: ShipmentStatusReported = { shipmentId: s._id, providerId: r.providerId, status: r.status, occurredAt: iso, providerReference: r.providerReference, detail: r.detail ?? null, location: r.location ?? null };
    events.push(domainEvent(ShipmentStatusReported, reported, receivedAt, stable('reported')));
    if (!s.acceptedAt) {
      set.acceptedAt = at;
      const accepted: ShipmentAccepted = { ...base, providerReference: reference, estimatedDeliveryAt: r.estimatedDeliveryAt?.toISOString() ?? null, acceptedAt: iso };
      events.push(domainEvent(ShipmentAccepted, accepted, at, stable('accepted')));
    }
    if (!s.dispatchedAt && RANK[r.status] >= RANK['picked-up']) {
      set.dispatchedAt = at;
      const dispatched: ShipmentDispatched = { ...base, providerReference: reference, trackingUrl: null, dispatchedAt: iso };
      events.push(domainEvent(ShipmentDispatched, dispatched, at, stable('dispatched')));
    }
    if (r.status === 'failed') {
      const failed: ShipmentFailed = { ...base, reason: r.reason!, detail: r.detail ?? null, failedAt: iso };
      events.push(domainEvent(ShipmentFailed, failed, at, stable('failed')));
    }
    if (r.status === 'delivered') {
      set.deliveredAt = at;
      set.proofReference = r.proofReference ?? null;
      const delivered: ShipmentDelivered = { ...base, receivedBy: null, proofReference: r.proofReference ?? null, deliveredAt: iso };
      events.push(domainEvent(ShipmentDelivered, delivered, at, stable('delivered')));
    }
    if (r.status === 'returned') {
      const returned: ShipmentReturnedToSender = { shipmentId: s._id, orderId: s.orderId, direction: s.direction, providerId: r.providerId, providerReference: reference, lines: s.lines, returnedAt: iso };
      events.push(domainEvent(ShipmentReturnedToSender, returned, at, stable('returned')));
    }
    return { change: { id: s._id, expectedSeq: s.seq, set, events }, outcome: 'applied' };
  }
}

function insertInOrder(history: TrackingEntry[], entry: TrackingEntry): TrackingEntry[] {
  const out = [...history];
  let i = out.length;
  while (i > 0 && out[i - 1].occurredAt.getTime() > entry.occurredAt.getTime()) i--;
  out.splice(i, 0, entry);
  return out;
}

