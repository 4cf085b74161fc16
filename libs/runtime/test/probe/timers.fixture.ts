/**
 * A tiny service for the durable-timer tests: one timer kind whose handler
 * records each run (which replica, which attempt, in which CLS context) and
 * fails as often as the timer's data asks; and a route that schedules a timer
 * relative to the service's clock.
 */
import { Body, Controller, Inject, Injectable, Module, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { ClsService } from 'nestjs-cls';
import {
  addDuration,
  CAUSATION_ID,
  CLOCK,
  Clock,
  CORRELATION_ID,
  OnTimer,
  PermanentError,
  Roles,
  RuntimeModule,
  SERVICE_CONFIG,
  ServiceConfig,
  TimerFired,
  TimerService,
  TimersModule,
} from '../../src';

export const PROBE_TIMER = 'probe-deadline';

export interface ProbeTimerData {
  failTimes?: number;
  permanent?: boolean;
}

export interface ProbeTimerRun {
  id: string;
  replica: string;
  attempt: number;
  dueAt: Date;
  correlationId?: string;
  causationId?: string;
  firingId: string;
}

/** Every run of a probe timer in this process, across the apps a test boots. */
export const timerRuns: ProbeTimerRun[] = [];

@Injectable()
export class ProbeTimerHandler {
  constructor(
    private readonly cls: ClsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @OnTimer(PROBE_TIMER)
  async onDeadline(fired: TimerFired<ProbeTimerData>): Promise<void> {
    timerRuns.push({
      id: fired.id,
      replica: this.config.kafka.clientId,
      attempt: fired.attempt,
      dueAt: fired.dueAt,
      correlationId: this.cls.get(CORRELATION_ID),
      causationId: this.cls.get(CAUSATION_ID),
      firingId: fired.firingId,
    });
    if (fired.data?.permanent) throw new PermanentError('probe timer refused');
    if (fired.attempt <= (fired.data?.failTimes ?? 0)) throw new Error(`transient failure ${fired.attempt}`);
  }
}

class ScheduleProbeTimerRequest {
  @IsString() @Matches(/^[a-z0-9-]+$/) id: string;
  @IsString() in: string;
  @IsOptional() @IsInt() @Min(0) failTimes?: number;
}

@Controller('probe-timers')
export class ProbeTimersController {
  constructor(
    private readonly timers: TimerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('ops')
  async schedule(@Body() body: ScheduleProbeTimerRequest) {
    const dueAt = addDuration(this.clock.now(), body.in);
    const created = await this.timers.schedule<ProbeTimerData>({
      kind: PROBE_TIMER,
      id: body.id,
      dueAt,
      data: { failTimes: body.failTimes ?? 0 },
    });
    return { created, dueAt };
  }
}

@Module({
  imports: [
    RuntimeModule.forService({
      name: 'orders',
      defaultHttpPort: 0,
      title: 'timers probe',
      description: 'probe',
    }),
    TimersModule,
  ],
  controllers: [ProbeTimersController],
  providers: [ProbeTimerHandler],
})
export class TimersProbeAppModule {}
