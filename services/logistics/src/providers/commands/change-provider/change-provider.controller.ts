import { Body, Controller, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Change, CLOCK, Clock, DomainError, Roles } from '@netdirect/runtime';
import { RouteWaitingShipments } from '../../../shipments/route-waiting-shipments.service';
import { Provider, ProviderState } from '../../provider';
import { ProviderIdParam } from '../../provider-id.param';
import { ProviderRepository } from '../../provider.repository';
import { ProviderView, toProviderView } from '../../provider.view';
import { ChangeProviderRequest, SuspendProviderRequest } from './change-provider.request';

/**
 * Ops change a provider's routing settings, suspend or reactivate it. Each
 * is a compare-and-set on the provider, then a durable timer re-routes what
 * the change concerns (unroutable shipments; a suspended provider's
 * unaccepted ones). Repeating a request changes nothing and schedules the
 * re-routing again, so a retry after a lost answer or a crash is safe.
 */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ChangeProviderController {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly waiting: RouteWaitingShipments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Patch(':id')
  @Roles('ops')
  @ApiOperation({
    summary: "Change a provider's regions, limits, service levels, acceptance deadline, priority, daily capacity or name (ops).",
    description:
      'Fields not given stay as they are. Shipments waiting as unroutable are routed again; shipments already requested keep their provider ' +
      '(a new acceptance deadline applies to shipments requested from now on).',
  })
  // Every field is optional, so no body at all is an empty change.
  @ApiBody({ type: ChangeProviderRequest, required: false })
  @ApiOkResponse({ type: ProviderView })
  @ApiErrors(404, 409, 422)
  async change(@Param() { id }: ProviderIdParam, @Body() body: ChangeProviderRequest): Promise<ProviderView> {
    return this.apply(id, (p) => Provider.update(p, body, this.clock.now()));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Suspend a provider (ops): it gets no new shipments, and those it has not accepted go to the next eligible provider.',
    description:
      'Each unaccepted shipment is re-routed (ShipmentRerouted, reason provider-suspended) or, with nobody else to take it, waits as unroutable; ' +
      'either way the provider finds ShipmentCancelled on its handoff topic. Accepted shipments stay with it. Suspending a suspended provider changes nothing.',
  })
  @ApiBody({ type: SuspendProviderRequest, required: false })
  @ApiOkResponse({ type: ProviderView })
  @ApiErrors(404, 409, 422)
  async suspend(@Param() { id }: ProviderIdParam, @Body() body: SuspendProviderRequest): Promise<ProviderView> {
    return this.apply(id, (p) => Provider.suspend(p, body.reason ?? null, this.clock.now()));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Reactivate a suspended provider (ops): it takes new shipments again, and unroutable shipments are routed again.' })
  @ApiOkResponse({ type: ProviderView })
  @ApiErrors(404, 409, 422)
  async reactivate(@Param() { id }: ProviderIdParam): Promise<ProviderView> {
    return this.apply(id, (p) => Provider.reactivate(p, this.clock.now()));
  }

  private async apply(id: string, decide: (p: ProviderState) => Change<ProviderState> | DomainError | null): Promise<ProviderView> {
    const provider = await this.providers.change(id, decide);
    await this.waiting.afterChange(id, provider.seq);
    return toProviderView(provider);
  }
}
