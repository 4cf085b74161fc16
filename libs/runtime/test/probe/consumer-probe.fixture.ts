/**
 * Services for the consumer end-to-end tests: a `network` probe whose
 * handlers read only some fields of their event, wait for a prerequisite, or
 * hang until released; and a `logistics` probe that records ShipmentRequested
 * to its topic and a provider's handoff topic from one document write.
 */
import { Controller, Module, OnModuleInit } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { DAY_MS, DecodedEvent, defineTopic, IntegrationEvent } from '@netdirect/contracts';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { Model } from 'mongoose';
import {
  isDuplicateKeyError,
  OnEvent,
  OutboxRelay,
  outboxPlugin,
  PrerequisiteMissing,
  RuntimeModule,
} from '../../src';

export const PARCEL_TOPIC = defineTopic({
  name: 'network.runtime-parcel-probes.v1',
  owner: 'network',
  key: 'parcelId',
  partitions: 1,
  retention: { kind: 'time', ms: DAY_MS },
  description: 'Test-only topic of the consumer end-to-end tests.',
});

/** Version 1 as this consumer knows it; a newer producer may add sizes and colours. */
@IntegrationEvent({ type: 'ParcelNoted', version: 1, topic: PARCEL_TOPIC, summary: 'Test event.' })
export class ParcelNoted {
  @IsString() parcelId: string;
  @IsIn(['s', 'm', 'l']) size: 's' | 'm' | 'l';
  @IsIn(['red', 'blue']) colour: 'red' | 'blue';
  @IsOptional() @IsString() note?: string;
}

/** Needs the parcel's ParcelNoted first. */
@IntegrationEvent({ type: 'ParcelShipped', version: 1, topic: PARCEL_TOPIC, summary: 'Test event.' })
export class ParcelShipped {
  @IsString() parcelId: string;
}

/** Its handler hangs until the test releases it (a stuck consumer). */
@IntegrationEvent({ type: 'ParcelHeld', version: 1, topic: PARCEL_TOPIC, summary: 'Test event.' })
export class ParcelHeld {
  @IsString() parcelId: string;
}

@Schema({ collection: 'parcel_notes' })
export class ParcelNote {
  @Prop({ type: String }) _id: string;
  @Prop() size: string;
}
export const ParcelNoteSchema = SchemaFactory.createForClass(ParcelNote);

/** What the handlers did, in order, for assertions. */
export const parcelState = {
  handled: [] as string[],
  payloads: new Map<string, unknown>(),
  releaseHeld: () => undefined as void,
  held: Promise.resolve(),
  hold() {
    this.held = new Promise<void>((resolve) => (this.releaseHeld = resolve));
  },
};

@Controller()
export class ParcelEventsController {
  constructor(@InjectModel(ParcelNote.name) private readonly notes: Model<ParcelNote>) {}

  @OnEvent(ParcelNoted, { reads: ['parcelId', 'size'] })
  async onNoted({ envelope, payload }: DecodedEvent<ParcelNoted>) {
    try {
      await this.notes.create({ _id: payload.parcelId, size: payload.size });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    parcelState.payloads.set(envelope.id, payload);
    parcelState.handled.push(`noted:${payload.parcelId}`);
  }

  @OnEvent(ParcelShipped)
  async onShipped({ payload }: DecodedEvent<ParcelShipped>) {
    const note = await this.notes.findById(payload.parcelId).lean();
    if (!note) return new PrerequisiteMissing(`parcel ${payload.parcelId} not noted yet`);
    parcelState.handled.push(`shipped:${payload.parcelId}`);
    return undefined;
  }

  @OnEvent(ParcelHeld)
  async onHeld({ payload }: DecodedEvent<ParcelHeld>) {
    await parcelState.held;
    parcelState.handled.push(`held:${payload.parcelId}`);
  }
}

@Module({
  imports: [
    RuntimeModule.forService({ name: 'network', defaultHttpPort: 0, title: 'parcel probe', description: 'probe' }),
    MongooseModule.forFeature([{ name: ParcelNote.name, schema: ParcelNoteSchema }]),
  ],
  controllers: [ParcelEventsController],
})
export class ParcelProbeAppModule {}

@Schema({ collection: 'shipment_probes' })
export class ShipmentProbe {
  @Prop({ type: String }) _id: string;
}
export const ShipmentProbeSchema = SchemaFactory.createForClass(ShipmentProbe).plugin(outboxPlugin);

@Module({
  imports: [
    RuntimeModule.forService({ name: 'logistics', defaultHttpPort: 0, title: 'handoff probe', description: 'probe' }),
    MongooseModule.forFeature([{ name: ShipmentProbe.name, schema: ShipmentProbeSchema }]),
  ],
})
export class HandoffProbeAppModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    @InjectModel(ShipmentProbe.name) private readonly shipments: Model<ShipmentProbe>,
  ) {}

  onModuleInit() {
    this.relay.watch(this.shipments);
  }
}
