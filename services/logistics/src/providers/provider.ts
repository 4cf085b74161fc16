import { DomainError, parseDuration } from '@netdirect/runtime';

/*
 * A logistics provider (3PL) and what routing needs of it. Plain code: no NestJS, no database.
 */

export const SERVICE_LEVELS = ['standard', 'express'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** Where a provider delivers: a country, and within it only these postcode prefixes (none = the whole country). */
export interface ProviderRegion {
  country: string;
  postcodePrefixes: string[];
}

/** The most one parcel of this provider may weigh and measure. */
export interface ParcelLimits {
  maxWeightGrams: number;
  /** Longest side of one parcel. */
  maxLengthMm: number;
  /** Sum of the packed units' volumes. */
  maxVolumeCm3: number;
}

/** What is stored of a provider (`providers`, `_id` = provider id, which names its handoff topic). */
export interface ProviderState {
  _id: string;
  name: string;
  regions: ProviderRegion[];
  limits: ParcelLimits;
  serviceLevels: ServiceLevel[];
  /** How long the provider has to accept a shipment before it is re-routed, in milliseconds. */
  acceptanceDeadlineMs: number;
  /** Lower is preferred. */
  priority: number;
  /** Shipments it takes per UTC day. */
  dailyCapacity: number;
  registeredAt: Date;
  seq: number;
}

export interface ProviderInput {
  id: string;
  name: string;
  regions: ProviderRegion[];
  limits: ParcelLimits;
  serviceLevels: ServiceLevel[];
  acceptanceDeadline: string;
  priority: number;
  dailyCapacity: number;
}

export class Provider {
  /** A new provider; the acceptance deadline is a duration (`PT4H`, `30m`) of at least a minute and at most a week. */
  static register(input: ProviderInput, at: Date): ProviderState | DomainError {
    let deadline: number;
    try {
      deadline = parseDuration(input.acceptanceDeadline);
    } catch {
      return DomainError.rule('acceptanceDeadline', 'must be a duration such as PT4H or 30m');
    }
    const problems: { field: string; reason: string }[] = [];
    if (deadline < 60_000 || deadline > 7 * 86_400_000) problems.push({ field: 'acceptanceDeadline', reason: 'must be between 1 minute and 7 days' });
    const countries = input.regions.map((r) => r.country);
    if (new Set(countries).size !== countries.length) problems.push({ field: 'regions', reason: 'name each country once' });
    if (new Set(input.serviceLevels).size !== input.serviceLevels.length) problems.push({ field: 'serviceLevels', reason: 'name each service level once' });
    if (problems.length) return DomainError.rules(problems);
    return {
      _id: input.id,
      name: input.name,
      regions: input.regions.map((r) => ({ country: r.country, postcodePrefixes: [...new Set(r.postcodePrefixes)] })),
      limits: input.limits,
      serviceLevels: input.serviceLevels,
      acceptanceDeadlineMs: deadline,
      priority: input.priority,
      dailyCapacity: input.dailyCapacity,
      registeredAt: at,
      seq: 0,
    };
  }

  /** Whether the provider delivers to this country and postcode. */
  static serves(p: ProviderState, country: string, postalCode: string): boolean {
    const region = p.regions.find((r) => r.country === country);
    if (!region) return false;
    const code = postalCode.replace(/\s+/g, '').toUpperCase();
    return region.postcodePrefixes.length === 0 || region.postcodePrefixes.some((prefix) => code.startsWith(prefix.replace(/\s+/g, '').toUpperCase()));
  }
}
