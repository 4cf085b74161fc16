/**
 * A tiny service used to test the runtime end to end: an aggregate whose
 * creation records ProbeRecorded through the outbox, and a handler of that
 * event whose behaviour (fail transiently, reject, wait for a fix) the test
 * controls through the payload.
 */
import { Body, Controller, Module, OnModuleInit, Post } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { defineTopic, IntegrationEvent, DecodedEvent, DAY_MS } from '@netdirect/contracts';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import {
  EventRecorder,
  isDuplicateKeyError,
  newWithEvents,
  OnEvent,
  OutboxRelay,
  outboxPlugin,
  PermanentError,
  Roles,
  RuntimeModule,
} from '../../src';

export const PROBE_TOPIC = defineTopic({
  name: 'network.runtime-probes.v1',
  owner: 'network',
  key: 'probeId',
  partitions: 1,
  retention: { kind: 'time', ms: DAY_MS },
  description: 'Test-only topic of the runtime end-to-end tests.',
});

@IntegrationEvent({ type: 'ProbeRecorded', version: 1, topic: PROBE_TOPIC, summary: 'Test event.' })
export class ProbeRecorded {
  @IsString() probeId: string;
  @IsInt() @Min(0) failTimes: number;
  @IsBoolean() reject: boolean;
  @IsBoolean() needsFix: boolean;
}

@Schema({ collection: 'probes' })
export class Probe {
  @Prop({ type: String }) _id: string;
}
export const ProbeSchema = SchemaFactory.createForClass(Probe).plugin(outboxPlugin);

@Schema({ collection: 'probe_effects' })
export class ProbeEffect {
  @Prop({ type: String }) _id: string;
  @Prop() probeId: string;
}
export const ProbeEffectSchema = SchemaFactory.createForClass(ProbeEffect);

/** What the handler saw, for assertions. */
export const probeState = {
  attempts: new Map<string, number>(),
  applied: [] as string[],
  fixed: false,
};

class CreateProbeRequest {
  @IsString() @Matches(/^[a-z0-9-]+$/) probeId: string;
  @IsOptional() @IsInt() @Min(0) @Max(10) failTimes?: number;
  @IsOptional() @IsBoolean() reject?: boolean;
}

@Controller('probes')
export class ProbeHttpController {
  constructor(
    @InjectModel(Probe.name) private readonly probes: Model<Probe>,
    private readonly recorder: EventRecorder,
  ) {}

  @Post()
  @Roles('ops')
  async create(@Body() body: CreateProbeRequest) {
    const event = this.recorder.record(ProbeRecorded, {
      probeId: body.probeId,
      failTimes: body.failTimes ?? 0,
      reject: body.reject ?? false,
      needsFix: false,
    });
    await this.probes.create(newWithEvents({ _id: body.probeId }, [event]));
    return { probeId: body.probeId, eventId: event.id };
  }
}

@Controller()
export class ProbeEventsController {
  constructor(@InjectModel(ProbeEffect.name) private readonly effects: Model<ProbeEffect>) {}

  @OnEvent(ProbeRecorded)
  async onProbe({ envelope, payload }: DecodedEvent<ProbeRecorded>) {
    const n = (probeState.attempts.get(envelope.id) ?? 0) + 1;
    probeState.attempts.set(envelope.id, n);
    if (payload.reject) throw new PermanentError('probe refused by rule');
    if (payload.needsFix && !probeState.fixed) throw new PermanentError('cannot apply until fixed');
    if (n <= payload.failTimes) throw new Error(`transient failure ${n}`);
    try {
      // The effect's id derives from the event: a redelivery inserts nothing.
      await this.effects.create({ _id: `probe-effect:${envelope.id}`, probeId: payload.probeId });
      probeState.applied.push(envelope.id);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
}

@Module({
  imports: [
    RuntimeModule.forService({ name: 'network', defaultHttpPort: 0, title: 'probe', description: 'probe' }),
    MongooseModule.forFeature([
      { name: Probe.name, schema: ProbeSchema },
      { name: ProbeEffect.name, schema: ProbeEffectSchema },
    ]),
  ],
  controllers: [ProbeHttpController, ProbeEventsController],
})
export class ProbeAppModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    @InjectModel(Probe.name) private readonly probes: Model<Probe>,
  ) {}

  onModuleInit() {
    this.relay.watch(this.probes);
  }
}
