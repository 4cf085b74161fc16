import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { providerHandoffTopic } from '@netdirect/contracts';
import { ApiErrors, CLOCK, Clock, DomainError, IssuedWebhookSecret, isDomainError, MESSAGE_BROKER, MessageBroker, Roles, WebhookCallersService } from '@netdirect/runtime';
import { RouteWaitingShipments } from '../../../shipments/route-waiting-shipments.service';
import { PROVIDER_WEBHOOK_CHANNEL } from '../../../shipments/commands/report-status/report-status.controller';
import { Provider, ProviderState } from '../../provider';
import { ProviderRepository } from '../../provider.repository';
import { RegisteredProviderView, toProviderView } from '../../provider.view';
import { RegisterProviderRequest } from './register-provider.request';

/**
 * Registering writes three things no transaction joins: the provider, its
 * handoff topic and its webhook caller. The provider is written first as
 * `registering` (routing skips it), then the topic and the caller are made,
 * then it becomes `active`. A request that dies between leaves it
 * `registering`; the same registration retried a little later takes it over
 * and finishes it, issuing a fresh secret (the dead request's answer never
 * reached anyone).
 */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class RegisterProviderController {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly callers: WebhookCallersService,
    private readonly waiting: RouteWaitingShipments,
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary: 'Register a logistics provider (ops): its handoff topic is created and its webhook secret shown, this once.',
    description:
      'The answer carries the Standard Webhooks secret the provider signs its status reports with; it is never returned again ' +
      '(rotate under /v1/webhook-callers/{id}/secrets). Shipments waiting as unroutable are routed again. ' +
      'A registration whose request failed half-way (the provider shows status registering) is finished by retrying it after 30 seconds; ' +
      'an existing provider, or one being registered right now, is 409.',
  })
  @ApiCreatedResponse({ type: RegisteredProviderView })
  @ApiErrors(409, 422)
  async register(@Body() body: RegisterProviderRequest): Promise<RegisteredProviderView> {
    const now = this.clock.now();
    const fresh = Provider.register(body, now);
    if (isDomainError(fresh)) throw fresh;
    const state = (await this.providers.insert(fresh, [])) ? fresh : await this.takeOver(body, now);
    const topic = providerHandoffTopic(state._id);
    await this.broker.admin.ensureTopics([{ name: topic.name, partitions: topic.partitions, ...(topic.retention.kind === 'time' ? { retentionMs: topic.retention.ms } : {}) }]);
    const secret = await this.issueSecret(state);
    const active = Provider.activate(state, now)!;
    if (!(await this.providers.apply(active))) throw DomainError.conflict(`provider ${state._id} was taken over by another registration; its secret is the one that answer shows`);
    // A new provider may take what nobody could.
    await this.waiting.afterChange(state._id, active.expectedSeq + 1);
    return { provider: toProviderView({ ...state, ...active.set, seq: active.expectedSeq + 1 }), webhookSecret: { id: secret.id, value: secret.value } };
  }

  /** The id exists: finish a registration whose request died, else 409. */
  private async takeOver(body: RegisterProviderRequest, now: Date): Promise<ProviderState> {
    const existing = await this.providers.get(body.id);
    const resumed = Provider.resumeRegistration(existing, body, now);
    if (isDomainError(resumed)) throw resumed;
    if (!(await this.providers.apply(resumed))) throw DomainError.conflict(`provider ${body.id} is being registered by another request`);
    return this.providers.get(body.id);
  }

  /** Its first secret; a caller left by a dead registration has its secrets replaced, since nobody saw them. */
  private async issueSecret(state: ProviderState): Promise<IssuedWebhookSecret> {
    try {
      return (await this.callers.create({ id: state._id, channel: PROVIDER_WEBHOOK_CHANNEL, name: state.name })).secret;
    } catch (e) {
      if (!isDomainError(e) || e.kind !== 'conflict') throw e;
    }
    for (const old of (await this.callers.get(state._id)).secrets) await this.callers.removeSecret(state._id, old.id);
    return this.callers.addSecret(state._id);
  }
}
