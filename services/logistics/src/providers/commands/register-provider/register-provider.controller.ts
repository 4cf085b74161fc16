import { Body, Controller, Inject, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { providerHandoffTopic } from '@netdirect/contracts';
import { ApiErrors, CLOCK, Clock, DomainError, isDomainError, MESSAGE_BROKER, MessageBroker, Roles, WebhookCallersService } from '@netdirect/runtime';
import { RouteWaitingShipments } from '../../../shipments/route-waiting-shipments.service';
import { PROVIDER_WEBHOOK_CHANNEL } from '../../../shipments/commands/report-status/report-status.controller';
import { Provider } from '../../provider';
import { ProviderRepository } from '../../provider.repository';
import { RegisteredProviderView, toProviderView } from '../../provider.view';
import { RegisterProviderRequest } from './register-provider.request';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class RegisterProviderController {
  private readonly log = new Logger(RegisterProviderController.name);

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
      '(rotate under /v1/webhook-callers/{id}/secrets). Shipments waiting as unroutable are routed again.',
  })
  @ApiCreatedResponse({ type: RegisteredProviderView })
  @ApiErrors(409, 422)
  async register(@Body() body: RegisterProviderRequest): Promise<RegisteredProviderView> {
    const now = this.clock.now();
    const state = Provider.register(body, now);
    if (isDomainError(state)) throw state;
    if (!(await this.providers.insert(state, []))) throw DomainError.conflict(`provider ${body.id} exists already`);
    const topic = providerHandoffTopic(state._id);
    await this.broker.admin.ensureTopics([{ name: topic.name, partitions: topic.partitions, ...(topic.retention.kind === 'time' ? { retentionMs: topic.retention.ms } : {}) }]);
    const { secret } = await this.callers.create({ id: state._id, channel: PROVIDER_WEBHOOK_CHANNEL, name: state.name });
    // A new provider may take what nobody could; failing here leaves them waiting for the next change, not lost.
    await this.waiting.routeAll().catch((e: unknown) => this.log.warn(`routing waiting shipments failed: ${(e as Error).message}`));
    return { provider: toProviderView(state), webhookSecret: { id: secret.id, value: secret.value } };
  }
}
