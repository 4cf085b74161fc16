import { ApiProperty } from '@nestjs/swagger';
import { providerHandoffTopic } from '@netdirect/contracts';
import { Provider, PROVIDER_STATUSES, ProviderState, ProviderStatus, SERVICE_LEVELS, ServiceLevel } from './provider';

class ProviderRegionView {
  @ApiProperty() country: string;
  @ApiProperty({ type: String, isArray: true }) postcodePrefixes: string[];
}

class ParcelLimitsView {
  @ApiProperty({ type: 'integer' }) maxWeightGrams: number;
  @ApiProperty({ type: 'integer' }) maxLengthMm: number;
  @ApiProperty({ type: 'integer' }) maxVolumeCm3: number;
}

/** A provider as ops see it: never its webhook secret. */
export class ProviderView {
  @ApiProperty({ example: 'dhl-de' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PROVIDER_STATUSES, description: 'registering: its topic or webhook caller is not made yet (retry the registration); suspended: gets no new shipments' })
  status: ProviderStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) suspendedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) suspendedReason: string | null;
  @ApiProperty({ type: ProviderRegionView, isArray: true }) regions: ProviderRegionView[];
  @ApiProperty({ type: ParcelLimitsView }) limits: ParcelLimitsView;
  @ApiProperty({ type: String, isArray: true, enum: SERVICE_LEVELS }) serviceLevels: ServiceLevel[];
  @ApiProperty({ type: 'integer', description: 'Milliseconds' }) acceptanceDeadlineMs: number;
  @ApiProperty({ type: 'integer' }) priority: number;
  @ApiProperty({ type: 'integer' }) dailyCapacity: number;
  @ApiProperty({ example: providerHandoffTopic('dhl-de').name, description: 'The only topic this provider reads' }) handoffTopic: string;
  @ApiProperty({ example: '/v1/providers/dhl-de/updates', description: 'Where it reports status, signed the Standard Webhooks way' }) webhookPath: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

class IssuedSecretView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The Standard Webhooks secret (`whsec_…`). Shown only in this answer.' }) value: string;
}

export class RegisteredProviderView {
  @ApiProperty({ type: ProviderView }) provider: ProviderView;
  @ApiProperty({ type: IssuedSecretView }) webhookSecret: IssuedSecretView;
}

export class ProviderListView {
  @ApiProperty({ type: ProviderView, isArray: true }) items: ProviderView[];
}

export const toProviderView = (p: ProviderState): ProviderView => ({
  id: p._id,
  name: p.name,
  status: Provider.status(p),
  suspendedAt: p.suspendedAt ? new Date(p.suspendedAt).toISOString() : null,
  suspendedReason: p.suspendedReason ?? null,
  regions: p.regions,
  limits: p.limits,
  serviceLevels: p.serviceLevels,
  acceptanceDeadlineMs: p.acceptanceDeadlineMs,
  priority: p.priority,
  dailyCapacity: p.dailyCapacity,
  handoffTopic: providerHandoffTopic(p._id).name,
  webhookPath: `/v1/providers/${p._id}/updates`,
  registeredAt: new Date(p.registeredAt).toISOString(),
});
