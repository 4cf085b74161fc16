import { Controller } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { Provider } from '../../../providers/provider';
import { ProviderRepository } from '../../../providers/provider.repository';
import { PROVIDER_CHANGED, ProviderChangedData, RouteWaitingShipments } from '../../route-waiting-shipments.service';

/**
 * A provider was registered, changed, suspended or reactivated (a durable
 * timer its write scheduled): a suspended provider's unaccepted shipments
 * are taken from it, then every unroutable shipment is routed again. Reads
 * the provider as it is now, so a late or repeated run does only what is
 * still to do.
 */
@Controller()
export class ProviderChangedHandler {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly waiting: RouteWaitingShipments,
  ) {}

  @OnTimer(PROVIDER_CHANGED)
  async changed({ data }: TimerFired<ProviderChangedData>): Promise<void> {
    const provider = await this.providers.find(data.providerId);
    if (provider && Provider.status(provider) === 'suspended') await this.waiting.withdrawFrom(provider._id);
    await this.waiting.routeAll();
  }
}
