import { Provider } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { Clock, CLOCK, SystemClock } from './clock';
import { TestClock } from './test-clock';

/** The {@link CLOCK} provider: the wall clock, or a {@link TestClock} when CLOCK=test (refused in production). */
export const clockProvider: Provider<Clock> = {
  provide: CLOCK,
  inject: [SERVICE_CONFIG],
  useFactory: (config: ServiceConfig): Clock =>
    config.clock.mode === 'test' ? new TestClock(config.clock.start ?? new Date()) : new SystemClock(),
};
