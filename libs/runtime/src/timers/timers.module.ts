import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import {
  TIMER_CURSOR_MODEL,
  TIMER_MODEL,
  TIMER_SLOT_MODEL,
  TimerCursorSchema,
  TimerSchema,
  TimerSlotSchema,
} from './timer.schema';
import { TimerPoller } from './timer-poller.service';
import { TimerService } from './timer.service';

/**
 * Durable timers for a service (opt-in): import it next to
 * `RuntimeModule.forService(...)`, inject {@link TimerService} to schedule,
 * and mark handlers with `@OnTimer(kind)`. Stored in the service's database
 * (`timers`, `timer_slots`, `timer_cursor`); settings TIMERS_POLL_MS,
 * TIMERS_LEASE_MS, TIMERS_MAX_ATTEMPTS, TIMERS_RETRY_BASE_MS,
 * TIMERS_RETRY_MAX_MS; time from the service's `CLOCK`.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    MongooseModule.forFeature([
      { name: TIMER_MODEL, schema: TimerSchema },
      { name: TIMER_SLOT_MODEL, schema: TimerSlotSchema },
      { name: TIMER_CURSOR_MODEL, schema: TimerCursorSchema },
    ]),
  ],
  providers: [TimerService, TimerPoller],
  exports: [TimerService, TimerPoller],
})
export class TimersModule {}
