import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_STATUSES, ShipmentState, ShipmentStatus } from './shipment';

class LineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
}

class ParcelView {
  @ApiProperty() parcelId: string;
  @ApiProperty({ type: 'integer' }) weightGrams: number;
  @ApiProperty({ type: LineView, isArray: true }) lines: LineView[];
}

class CandidateView {
  @ApiProperty() providerId: string;
  @ApiProperty({ type: 'integer' }) priority: number;
  @ApiProperty({ type: 'integer' }) loadToday: number;
  @ApiProperty() eligible: boolean;
  @ApiProperty() reason: string;
}

class RoutingDecisionView {
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: no provider could take it' }) providerId: string | null;
  @ApiProperty({ type: CandidateView, isArray: true, description: 'Every provider looked at, with why it was or was not chosen' }) candidates: CandidateView[];
}

class TrackingEntryView {
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status: ShipmentStatus;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true }) providerId: string | null;
  @ApiProperty({ description: 'An earlier step that arrived after later ones' }) late: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) detail?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) location?: string | null;
}

class RefusedReportView {
  @ApiProperty() webhookId: string;
  @ApiProperty() providerId: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() reason: string;
}

class AddressView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, isArray: true }) lines: string[];
  @ApiProperty() city: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() country: string;
}

export class ShipmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: ['outbound', 'return'] }) direction: 'outbound' | 'return';
  @ApiProperty({ type: String, nullable: true }) returnId: string | null;
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status: ShipmentStatus;
  @ApiProperty({ type: String, nullable: true }) providerId: string | null;
  @ApiProperty({ type: String, nullable: true }) providerReference: string | null;
  @ApiProperty() serviceLevel: string;
  @ApiProperty({ type: AddressView }) destination: AddressView;
  @ApiProperty({ type: AddressView, nullable: true, description: 'Where the provider collects a return' }) pickup: AddressView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'A return: when ops recorded what came back' }) receivedAt: string | null;
  @ApiProperty({ type: LineView, isArray: true }) lines: LineView[];
  @ApiProperty({ type: ParcelView, isArray: true }) parcels: ParcelView[];
  @ApiProperty({ type: RoutingDecisionView, isArray: true, description: 'Every routing decision, the current one last' }) routing: RoutingDecisionView[];
  @ApiProperty({ type: TrackingEntryView, isArray: true, description: "In the order things happened (the provider's time)" }) history: TrackingEntryView[];
  @ApiProperty({ type: RefusedReportView, isArray: true, description: 'Reports refused, with the reason, for review' }) refused: RefusedReportView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ShipmentListView {
  @ApiProperty({ type: ShipmentView, isArray: true }) items: ShipmentView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export const toShipmentView = (s: ShipmentState): ShipmentView => ({
  id: s._id,
  orderId: s.orderId,
  direction: s.direction,
  returnId: s.returnId,
  status: s.status,
  providerId: s.providerId,
  providerReference: s.providerReference,
  serviceLevel: s.serviceLevel,
  destination: { name: s.destination.name, lines: s.destination.lines, city: s.destination.city, postalCode: s.destination.postalCode, country: s.destination.country },
  pickup: s.pickup ? { name: s.pickup.name, lines: s.pickup.lines, city: s.pickup.city, postalCode: s.pickup.postalCode, country: s.pickup.country } : null,
  receivedAt: s.receivedAt ? iso(s.receivedAt) : null,
  lines: s.lines,
  parcels: s.parcels,
  routing: s.routing.map((r) => ({ decidedAt: iso(r.decidedAt), providerId: r.providerId, candidates: r.candidates })),
  history: s.history.map((h) => ({ status: h.status, occurredAt: iso(h.occurredAt), recordedAt: iso(h.recordedAt), providerId: h.providerId, late: h.late === true, detail: h.detail ?? null, location: h.location ?? null })),
  refused: s.refused.map((r) => ({ ...r, occurredAt: iso(r.occurredAt), receivedAt: iso(r.receivedAt) })),
  createdAt: iso(s.createdAt),
});
