import { Provider, ProviderState, ServiceLevel } from '../providers/provider';
import { packParcels, PackedParcel, UnitSize } from './parcels';

/** One provider the routing looked at, and why it was or was not chosen. */
export interface RoutingCandidate {
  providerId: string;
  priority: number;
  /** Shipments it already carries today. */
  loadToday: number;
  eligible: boolean;
  reason: string;
}

/** A routing decision as it is kept on the shipment (`GET /v1/shipments/:id` shows it). */
export interface RoutingDecision {
  decidedAt: Date;
  /** The provider chosen, or null: the shipment waits as unroutable. */
  providerId: string | null;
  candidates: RoutingCandidate[];
}

export interface RoutingInput {
  country: string;
  postalCode: string;
  serviceLevel: ServiceLevel;
  lines: { skuId: string; quantity: number }[];
  sizes: Map<string, UnitSize>;
  /** Providers not to use (one that let the acceptance deadline pass, or was suspended while it had the shipment). */
  exclude?: string[];
}

/**
 * Choose a provider: among those that serve the destination, offer the
 * service level, have capacity left today and can carry every unit, the
 * lowest priority number wins, then the lightest load today, then the id.
 * Every provider is listed with the reason it was or was not chosen.
 */
export function route(input: RoutingInput, providers: ProviderState[], loads: Map<string, number>, at: Date): { decision: RoutingDecision; parcels: PackedParcel[] | null } {
  const ordered = [...providers].sort((a, b) => a.priority - b.priority || (loads.get(a._id) ?? 0) - (loads.get(b._id) ?? 0) || a._id.localeCompare(b._id));
  const candidates: RoutingCandidate[] = [];
  let chosen: { id: string; parcels: PackedParcel[] } | null = null;
  for (const p of ordered) {
    const loadToday = loads.get(p._id) ?? 0;
    const refuse = (reason: string) => candidates.push({ providerId: p._id, priority: p.priority, loadToday, eligible: false, reason });
    const status = Provider.status(p);
    if (status !== 'active') { refuse(status === 'suspended' ? 'suspended by ops' : 'still being registered'); continue; }
    if (input.exclude?.includes(p._id)) { refuse('excluded: it was requested before and did not accept'); continue; }
    if (!Provider.serves(p, input.country, input.postalCode)) { refuse(`does not serve ${input.country} ${input.postalCode}`); continue; }
    if (!p.serviceLevels.includes(input.serviceLevel)) { refuse(`does not offer ${input.serviceLevel}`); continue; }
    if (loadToday >= p.dailyCapacity) { refuse(`at its daily capacity of ${p.dailyCapacity}`); continue; }
    const parcels = packParcels(input.lines, input.sizes, p.limits);
    if (typeof parcels === 'string') { refuse(parcels); continue; }
    if (chosen) {
      candidates.push({ providerId: p._id, priority: p.priority, loadToday, eligible: true, reason: `eligible; ${chosen.id} ranks first (priority, then load today)` });
      continue;
    }
    chosen = { id: p._id, parcels };
    candidates.push({ providerId: p._id, priority: p.priority, loadToday, eligible: true, reason: `chosen: priority ${p.priority}, ${loadToday} of ${p.dailyCapacity} today, ${parcels.length} parcel(s)` });
  }
  return { decision: { decidedAt: at, providerId: chosen?.id ?? null, candidates }, parcels: chosen?.parcels ?? null };
}
