import { Provider } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import { NetworkSettings } from '../network.settings';
import { TransferPolicy } from './compliance-profile';

/** The transfer reasons each market's compliance profile allows, from NETWORK_TRANSFER_REASONS. */
export const TransferPolicyProvider: Provider = {
  provide: TransferPolicy,
  inject: [SERVICE_SETTINGS],
  useFactory: (settings: NetworkSettings) => TransferPolicy.parse(settings.NETWORK_TRANSFER_REASONS),
};
