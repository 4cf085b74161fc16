import { createEnvelope, deadLetterTopic, headersFor } from '@netdirect/contracts';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import request from 'supertest';
import { DeferredEvent, RuntimeMetrics } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import {
  PARCEL_TOPIC,
  ParcelHeld,
  ParcelNoted,
  ParcelProbeAppModule,
  ParcelShipped,
  parcelState,
} from './probe/consumer-probe.fixture';

const DLQ = deadLetterTopic('network').name;
const DEFER_MAX_MS = 3000;

function message<T extends object>(cls: new () => T, data: T & { parcelId: string }) {
  const { envelope } = createEnvelope(cls, data, {
    producer: 'network',
    correlationId: uniqueId('corr-'),
    causationId: uniqueId('cause-'),
  });
  return { envelope, message: { key: data.parcelId, value: JSON.stringify(envelope), headers: headersFor(envelope) } };
}

/** A message as a newer producer would send it: any type, version and data, with headers. */
function raw(parcelId: string, type: string, version: number, data: object, headers = true) {
  const { envelope } = message(ParcelShipped, { parcelId });
  const evolved = { ...envelope, id: uniqueId('evt-'), type, version, data };
  return {
    envelope: evolved,
    message: {
      key: parcelId,
      value: JSON.stringify(evolved),
      headers: headers ? { ...headersFor(evolved), 'event-version': String(version) } : undefined,
    },
  };
}

describe('tolerant consumers and deferred events against real Kafka and the database', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    await kafka.createTopic(PARCEL_TOPIC.name, 1).catch(() => undefined);
    captured = await kafka.capture([DLQ]);
    svc = await startTestService(ParcelProbeAppModule, {
      CONSUMER_DEFER_MAX_MS: String(DEFER_MAX_MS),
      CONSUMER_DEFER_RETRY_BASE_MS: '100',
      CONSUMER_DEFER_POLL_MS: '100',
      CONSUMER_LAG_INTERVAL_MS: '300',
    });
  });

  afterAll(async () => {
    parcelState.releaseHeld();
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });
  /**
   * Dead letters of one key, one per original message: the topic is at least once like every
   * other, so a rebalance before the offset was committed can dead-letter a message again.
   */
  const deadLettersFor = (key: string) => {
    const byOffset = new Map<string, (typeof captured)[number]>();
    for (const m of captured.filter((c) => c.key === key)) {
      const original = `${m.headers['dlq-original-partition']}@${m.headers['dlq-original-offset']}`;
      if (!byOffset.has(original)) byOffset.set(original, m);
    }
    return [...byOffset.values()];
  };
  const counter = async (outcome: string) => {
    const metric = await svc.app.get(RuntimeMetrics).consumed.get();
    return metric.values
      .filter((v) => v.labels.outcome === outcome && v.labels.topic === PARCEL_TOPIC.name)
      .reduce((sum, v) => sum + v.value, 0);
  };
  const deferred = () => svc.app.get<Model<DeferredEvent>>(getModelToken(DeferredEvent.name));

  it('ignores event types and versions it has no handler for, without parsing or dead-lettering them', async () => {
    const key = uniqueId('unk-');
    const ignoredBefore = await counter('ignored');
    const good = message(ParcelNoted, { parcelId: key, size: 's', colour: 'red' });
    const garbage = { key, value: '{not json at all', headers: { 'event-type': 'ParcelTeleported', 'event-version': '1' } };
    await kafka.produce(PARCEL_TOPIC.name, [
      raw(key, 'ParcelTeleported', 1, { parcelId: key }).message, // a type the registry does not know
      raw(key, 'ParcelTeleported', 1, { parcelId: key }, false).message, // the same without headers
      raw(key, 'ParcelNoted', 2, { parcelId: key, size: 'xxl' }).message, // a newer version of a handled type
      garbage, // routed by its headers: never parsed
      good.message,
    ]);
    await waitFor('the good message', () => parcelState.handled.includes(`noted:${key}`));
    expect(await counter('ignored')).toBe(ignoredBefore + 4);
    await new Promise((r) => setTimeout(r, 500));
    expect(deadLettersFor(key)).toHaveLength(0);
  });

  it('handles an event with unknown fields and an unknown enum value in a field the handler does not read', async () => {
    const key = uniqueId('evo-');
    const evolved = raw(key, 'ParcelNoted', 1, { parcelId: key, size: 'm', colour: 'ultraviolet', weightGrams: 120 });
    await kafka.produce(PARCEL_TOPIC.name, [evolved.message]);
    await waitFor('the evolved event handled', () => parcelState.handled.includes(`noted:${key}`));
    expect(parcelState.payloads.get(evolved.envelope.id)).toMatchObject({ parcelId: key, size: 'm' });
    expect(deadLettersFor(key)).toHaveLength(0);
  });

  it('dead-letters an event whose read field breaks the contract, naming the field', async () => {
    const key = uniqueId('bad-');
    const next = message(ParcelNoted, { parcelId: `${key}-next`, size: 'l', colour: 'blue' });
    await kafka.produce(PARCEL_TOPIC.name, [
      raw(key, 'ParcelNoted', 1, { parcelId: key, size: 'xl', colour: 'red' }).message,
      { key, value: '{"broken": ' }, // malformed JSON without headers
      next.message,
    ]);
    await waitFor('the next message', () => parcelState.handled.includes(`noted:${key}-next`));
    const dlq = await waitFor('two dead letters', () => deadLettersFor(key).length >= 2 && deadLettersFor(key));
    expect(dlq.map((m) => m.headers['dlq-kind'])).toEqual(['invalid-payload', 'malformed-json']);
    expect(dlq[0].headers['dlq-error']).toMatch(/size/);
    expect(dlq[0].headers['dlq-error']).not.toMatch(/colour/);
    expect(parcelState.handled).not.toContain(`noted:${key}`);
  });

  it('parks an event whose prerequisite is missing, handles later messages meanwhile, and handles it once the prerequisite arrives', async () => {
    const p1 = uniqueId('wait-');
    const p2 = uniqueId('other-');
    const shipped = message(ParcelShipped, { parcelId: p1 });
    await kafka.produce(PARCEL_TOPIC.name, [
      shipped.message,
      message(ParcelNoted, { parcelId: p2, size: 's', colour: 'red' }).message,
    ]);
    await waitFor('the later message on the same partition', () => parcelState.handled.includes(`noted:${p2}`));
    expect(parcelState.handled).not.toContain(`shipped:${p1}`);
    const parked = await waitFor('the parked message', () =>
      deferred().findById(`${svc.config.kafka.groupId}|${shipped.envelope.id}`).lean(),
    );
    expect(parked.reason).toBe(`parcel ${p1} not noted yet`);
    expect(await counter('deferred')).toBeGreaterThanOrEqual(1);

    await new Promise((r) => setTimeout(r, 600)); // a few retries find it still missing
    await kafka.produce(PARCEL_TOPIC.name, [message(ParcelNoted, { parcelId: p1, size: 'm', colour: 'blue' }).message]);
    await waitFor('the parked event handled', () => parcelState.handled.includes(`shipped:${p1}`), { timeoutMs: 5000 });
    const order = parcelState.handled.filter((h) => h.endsWith(p1) || h.endsWith(p2));
    expect(order).toEqual([`noted:${p2}`, `noted:${p1}`, `shipped:${p1}`]);
    await waitFor('the parking removed', async () => !(await deferred().findById(parked._id).lean()));
    expect(deadLettersFor(p1)).toHaveLength(0);
  });

  it('dead-letters a parked event when its time runs out, with the reason, and replays it after the prerequisite arrived', async () => {
    const p3 = uniqueId('late-');
    const shipped = message(ParcelShipped, { parcelId: p3 });
    await kafka.produce(PARCEL_TOPIC.name, [shipped.message]);
    const [dl] = await waitFor('the timeout dead letter', () => deadLettersFor(p3).length === 1 && deadLettersFor(p3), {
      timeoutMs: DEFER_MAX_MS + 10000,
    });
    expect(dl.headers['dlq-kind']).toBe('prerequisite-timeout');
    expect(dl.headers['dlq-error']).toMatch(new RegExp(`^parcel ${p3} not noted yet`));
    expect(dl.headers['dlq-original-topic']).toBe(PARCEL_TOPIC.name);
    expect(JSON.parse(dl.value!).id).toBe(shipped.envelope.id);
    await waitFor('the parking removed', async () => (await deferred().countDocuments({ eventId: shipped.envelope.id })) === 0);

    const stored = await waitFor('the stored dead letter', async () => {
      const res = await request(svc.url).get('/ops/dead-letters').set(ops());
      return res.body.find((d: { key: string }) => d.key === p3);
    });
    expect(stored.kind).toBe('prerequisite-timeout');
    const still = await request(svc.url).post(`/ops/dead-letters/${stored.id}/replay`).set(ops()).expect(422);
    expect(still.body.message).toMatch(/not noted yet/);

    await kafka.produce(PARCEL_TOPIC.name, [message(ParcelNoted, { parcelId: p3, size: 'l', colour: 'red' }).message]);
    await waitFor('the prerequisite', () => parcelState.handled.includes(`noted:${p3}`));
    const ok = await request(svc.url).post(`/ops/dead-letters/${stored.id}/replay`).set(ops()).expect(200);
    expect(ok.body.outcome).toBe('handled');
    expect(parcelState.handled).toContain(`shipped:${p3}`);
  });

  it('shows the lag of a stuck consumer growing, from the broker, and falling once it moves again', async () => {
    const lag = async () => {
      const metric = await svc.app.get(RuntimeMetrics).consumerLag.get();
      return metric.values.find((v) => v.labels.topic === PARCEL_TOPIC.name && v.labels.partition === '0')?.value;
    };
    const key = uniqueId('stuck-');
    // Something handled and committed first, so the group has a position on the partition.
    await kafka.produce(PARCEL_TOPIC.name, [message(ParcelNoted, { parcelId: `${key}-0`, size: 's', colour: 'red' }).message]);
    await waitFor('the first message', () => parcelState.handled.includes(`noted:${key}-0`));
    await waitFor('lag 0', async () => (await lag()) === 0);

    parcelState.hold();
    await kafka.produce(PARCEL_TOPIC.name, [message(ParcelHeld, { parcelId: key }).message]);
    await new Promise((r) => setTimeout(r, 300));
    await kafka.produce(
      PARCEL_TOPIC.name,
      Array.from({ length: 5 }, (_, i) => message(ParcelNoted, { parcelId: `${key}-${i + 1}`, size: 's', colour: 'red' }).message),
    );
    // The held message and the five behind it; no batch has ended, so only the timer can say so.
    await waitFor('the lag of the stuck consumer', async () => ((await lag()) ?? 0) >= 6, { timeoutMs: 10000 });
    expect(parcelState.handled).not.toContain(`held:${key}`);

    parcelState.releaseHeld();
    await waitFor('the messages behind it', () => parcelState.handled.includes(`noted:${key}-5`));
    await waitFor('lag back to 0', async () => (await lag()) === 0, { timeoutMs: 10000 });
  });
});
