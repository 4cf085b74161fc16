/**
 * AggregateStore writes through the driver, beside the outbox plugin's hooks:
 * its events must still reach Kafka at once, not at the relay's next sweep.
 * The sweep here is a minute away, so only the write's own signal can
 * publish within the test's wait.
 */
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateStore, domainEvent, EventRecorder, OutboxRelay, outboxPlugin, RuntimeModule } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import { PROBE_TOPIC, ProbeRecorded } from './probe/probe.fixture';

interface CounterState {
  _id: string;
  seq: number;
  count: number;
}

@Schema({ collection: 'store_counters' })
class Counter {
  @Prop({ type: String }) _id: string;
  @Prop({ type: Number }) seq: number;
  @Prop({ type: Number }) count: number;
}
const CounterSchema = SchemaFactory.createForClass(Counter).plugin(outboxPlugin);

@Injectable()
class CounterStore extends AggregateStore<CounterState> {
  constructor(@InjectModel(Counter.name) model: Model<Counter>, recorder: EventRecorder) {
    super(model, recorder, 'counter');
  }
}

@Module({
  imports: [
    RuntimeModule.forService({ name: 'network', defaultHttpPort: 0, title: 'store', description: 'store' }),
    MongooseModule.forFeature([{ name: Counter.name, schema: CounterSchema }]),
  ],
  providers: [CounterStore],
})
class StoreAppModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    @InjectModel(Counter.name) private readonly counters: Model<Counter>,
  ) {}

  onModuleInit() {
    this.relay.watch(this.counters);
  }
}

const recorded = (probeId: string) =>
  domainEvent(ProbeRecorded, { probeId, failTimes: 0, reject: false, needsFix: false }, new Date());

describe('AggregateStore', () => {
  let svc: TestService;
  let store: CounterStore;
  const kafka = new KafkaTestClient();

  beforeAll(async () => {
    await kafka.createTopic(PROBE_TOPIC.name).catch(() => undefined);
    svc = await startTestService(StoreAppModule, { OUTBOX_POLL_MS: '60000' });
    store = svc.app.get(CounterStore);
  });
  afterAll(async () => {
    await kafka.close();
    await svc?.close();
  });

  it('publishes the events of an insert and of a change without waiting for the sweep', async () => {
    const captured = await kafka.capture([PROBE_TOPIC.name]);
    const id = uniqueId('c-');
    const created = uniqueId('p-').toLowerCase();
    const bumped = uniqueId('p-').toLowerCase();

    expect(await store.insert({ _id: id, seq: 0, count: 0 }, [recorded(created)])).toBe(true);
    await waitFor('the insert event', () => captured.find((m) => m.key === created), { timeoutMs: 4000 });

    await store.change(id, (s) => ({ id, expectedSeq: s.seq, set: { count: s.count + 1 }, events: [recorded(bumped)] }));
    await waitFor('the change event', () => captured.find((m) => m.key === bumped), { timeoutMs: 4000 });
    expect((await store.get(id)).count).toBe(1);
  });

  it('a change decided on a stale seq writes nothing and signals nothing', async () => {
    const id = uniqueId('c-');
    await store.insert({ _id: id, seq: 0, count: 0 }, []);
    await store.change(id, (s) => ({ id, expectedSeq: s.seq, set: { count: 5 }, events: [] }));
    expect(await store.apply({ id, expectedSeq: 0, set: { count: 9 }, events: [recorded(uniqueId('p-'))] })).toBe(false);
    expect((await store.get(id)).count).toBe(5);
  });
});
