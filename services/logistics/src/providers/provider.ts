import { Change, DomainError, parseDuration } from '@netdirect/runtime';

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

/**
 * `registering` until its handoff topic and webhook caller exist (routing
 * skips it, a retried registration resumes it); `suspended` by ops: no new
 * shipments, its unaccepted ones re-routed.
 */
export const PROVIDER_STATUSES = ['registering', 'active', 'suspended'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** A registration not finished after this long was abandoned (its request died): a retry may take it over. */
export const REGISTRATION_LEASE_MS = 30_000;

/** What is stored of a provider (`providers`, `_id` = provider id, which names its handoff topic). */
export interface ProviderState {
  _id: string;
  name: string;
  /** Absent on providers stored before statuses existed: active. */
  status?: ProviderStatus;
  /** When the registration now running started (the lease a retry waits out). */
  registeringSince?: Date | null;
  suspendedAt?: Date | null;
  suspendedReason?: string | null;
  updatedAt?: Date;
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

/** What ops may change of a provider; an absent (or null) field stays as it is. */
export type ProviderUpdate = { [K in keyof Omit<ProviderInput, 'id'>]?: ProviderInput[K] | null };

/** The routing settings of a provider as stored, checked; the acceptance deadline is a duration (`PT4H`, `30m`) of a minute to a week. */
function checkedSettings(input: ProviderUpdate): Partial<ProviderState> | DomainError {
  const problems: { field: string; reason: string }[] = [];
  const out: Partial<ProviderState> = {};
  if (input.name != null) out.name = input.name;
  if (input.acceptanceDeadline != null) {
    let deadline = NaN;
    try {
      deadline = parseDuration(input.acceptanceDeadline);
    } catch {
      problems.push({ field: 'acceptanceDeadline', reason: 'must be a duration such as PT4H or 30m' });
    }
    if (!Number.isNaN(deadline) && (deadline < 60_000 || deadline > 7 * 86_400_000)) problems.push({ field: 'acceptanceDeadline', reason: 'must be between 1 minute and 7 days' });
    out.acceptanceDeadlineMs = deadline;
  }
  if (input.regions != null) {
    const countries = input.regions.map((r) => r.country);
    if (new Set(countries).size !== countries.length) problems.push({ field: 'regions', reason: 'name each country once' });
    out.regions = input.regions.map((r) => ({ country: r.country, postcodePrefixes: [...new Set(r.postcodePrefixes)] }));
  }
  if (input.serviceLevels != null) {
    if (new Set(input.serviceLevels).size !== input.serviceLevels.length) problems.push({ field: 'serviceLevels', reason: 'name each service level once' });
    out.serviceLevels = input.serviceLevels;
  }
  if (input.limits != null) out.limits = { maxWeightGrams: input.limits.maxWeightGrams, maxLengthMm: input.limits.maxLengthMm, maxVolumeCm3: input.limits.maxVolumeCm3 };
  if (input.priority != null) out.priority = input.priority;
  if (input.dailyCapacity != null) out.dailyCapacity = input.dailyCapacity;
  return problems.length ? DomainError.rules(problems) : out;
}

const statusOf = (p: ProviderState): ProviderStatus => p.status ?? 'active';

export class Provider {
  /**
   * A new provider, `registering` until its handoff topic and webhook caller
   * exist ({@link Provider.activate}); routing does not see it before.
   */
  static register(input: ProviderInput, at: Date): ProviderState | DomainError {
    const settings = checkedSettings(input);
    if (settings instanceof DomainError) return settings;
    return {
      _id: input.id,
      name: input.name,
      status: 'registering',
      registeringSince: at,
      suspendedAt: null,
      suspendedReason: null,
      regions: settings.regions!,
      limits: settings.limits!,
      serviceLevels: settings.serviceLevels!,
      acceptanceDeadlineMs: settings.acceptanceDeadlineMs!,
      priority: input.priority,
      dailyCapacity: input.dailyCapacity,
      registeredAt: at,
      updatedAt: at,
      seq: 0,
    };
  }

  /**
   * A registration with this id exists already. One still `registering`
   * whose request died (started over {@link REGISTRATION_LEASE_MS} ago) is
   * taken over with the retry's settings; one running now, or finished, is a 409.
   */
  static resumeRegistration(p: ProviderState, input: ProviderInput, at: Date): Change<ProviderState> | DomainError {
    if (statusOf(p) !== 'registering') return DomainError.conflict(`provider ${p._id} exists already`);
    const since = p.registeringSince ? new Date(p.registeringSince).getTime() : 0;
    if (at.getTime() - since < REGISTRATION_LEASE_MS) return DomainError.conflict(`provider ${p._id} is being registered right now; retry in a minute if that request fails`);
    const fresh = Provider.register(input, at);
    if (fresh instanceof DomainError) return fresh;
    const { _id, seq, ...set } = fresh;
    void _id;
    void seq;
    return { id: p._id, expectedSeq: p.seq, set, events: [] };
  }

  /** Its handoff topic and webhook caller exist: routing may use it. */
  static activate(p: ProviderState, at: Date): Change<ProviderState> | null {
    if (statusOf(p) !== 'registering') return null;
    return { id: p._id, expectedSeq: p.seq, set: { status: 'active', registeringSince: null, updatedAt: at }, events: [] };
  }

  /** Ops change its routing settings; null when nothing changes. Only a registered provider is changed. */
  static update(p: ProviderState, input: ProviderUpdate, at: Date): Change<ProviderState> | DomainError | null {
    if (statusOf(p) === 'registering') return DomainError.rule('status', `provider ${p._id} is still being registered`);
    const settings = checkedSettings(input);
    if (settings instanceof DomainError) return settings;
    const set = Object.fromEntries(Object.entries(settings).filter(([k, v]) => JSON.stringify(p[k as keyof ProviderState]) !== JSON.stringify(v))) as Partial<ProviderState>;
    if (!Object.keys(set).length) return null;
    return { id: p._id, expectedSeq: p.seq, set: { ...set, updatedAt: at }, events: [] };
  }

  /** No new shipments for it; null when it is suspended already. */
  static suspend(p: ProviderState, reason: string | null, at: Date): Change<ProviderState> | DomainError | null {
    const status = statusOf(p);
    if (status === 'registering') return DomainError.rule('status', `provider ${p._id} is still being registered`);
    if (status === 'suspended') return null;
    return { id: p._id, expectedSeq: p.seq, set: { status: 'suspended', suspendedAt: at, suspendedReason: reason, updatedAt: at }, events: [] };
  }

  /** It takes shipments again; null when it is active already. */
  static reactivate(p: ProviderState, at: Date): Change<ProviderState> | DomainError | null {
    const status = statusOf(p);
    if (status === 'registering') return DomainError.rule('status', `provider ${p._id} is still being registered`);
    if (status === 'active') return null;
    return { id: p._id, expectedSeq: p.seq, set: { status: 'active', suspendedAt: null, suspendedReason: null, updatedAt: at }, events: [] };
  }

  static status(p: ProviderState): ProviderStatus {
    return statusOf(p);
  }

  /** Whether the provider delivers to this country and postcode. */
  static serves(p: ProviderState, country: string, postalCode: string): boolean {
    const region = p.regions.find((r) => r.country === country);
    if (!region) return false;
    const code = postalCode.replace(/\s+/g, '').toUpperCase();
    return region.postcodePrefixes.length === 0 || region.postcodePrefixes.some((prefix) => code.startsWith(prefix.replace(/\s+/g, '').toUpperCase()));
  }
}
