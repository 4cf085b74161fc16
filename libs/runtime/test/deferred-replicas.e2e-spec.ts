/**
 * Two replicas of one service share the parked events of their consumer
 * group: both poll the same `deferred_events`, and the lease taken by
 * compare-and-set makes each retry run on one of them only, so an event whose
 * prerequisite arrives is handled once, not once per replica.
 */
import { createEnvelope, headersFor } from '@netdirect/contracts';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DeferredEvent } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import { PARCEL_TOPIC, ParcelNoted, ParcelProbeAppModule, ParcelShipped, parcelState } from './probe/consumer-probe.fixture';

function message<T extends object>(cls: new () => T, data: T & { parcelId: string }) {
  const { envelope } = createEnvelope(cls, data, {
    producer: 'network',
    correlationId: uniqueId('corr-'),
    causationId: uniqueId('cause-'),
  });
  return { key: data.parcelId, value: JSON.stringify(envelope), headers: headersFor(envelope) };
}

describe('deferred events with two replicas', () => {
  const kafka = new KafkaTestClient();
  let replicas: TestService[] = [];

  beforeAll(async () => {
    await kafka.createTopic(PARCEL_TOPIC.name, 1).catch(() => undefined);
    const shared = uniqueId();
    // Both poll often and retry soon, so their passes over the parked events overlap.
    const env = {
      MONGO_DB: `test_${shared}`,
      KAFKA_GROUP_ID: `test-${shared}`,
      CONSUMER_DEFER_POLL_MS: '20',
      CONSUMER_DEFER_RETRY_BASE_MS: '20',
      CONSUMER_DEFER_MAX_MS: '120000',
    };
    replicas = [await startTestService(ParcelProbeAppModule, env), await startTestService(ParcelProbeAppModule, env)];
  });

  afterAll(async () => {
    for (const r of replicas) await r.close();
    await kafka.close();
  });

  it('handles each parked event once when its prerequisite arrives, though both replicas retry it', async () => {
    const parcels = Array.from({ length: 12 }, () => uniqueId('twin-'));
    await kafka.produce(
      PARCEL_TOPIC.name,
      parcels.map((parcelId) => message(ParcelShipped, { parcelId })),
    );
    const deferred = replicas[0].app.get<Model<DeferredEvent>>(getModelToken(DeferredEvent.name));
    const parked = () => deferred.find({ key: { $in: parcels } }).lean();
    await waitFor('every event parked', async () => (await parked()).length === parcels.length);
    await waitFor('several retries of each', async () => (await parked()).every((d) => d.attempts >= 4), {
      timeoutMs: 20000,
    });

    await kafka.produce(
      PARCEL_TOPIC.name,
      parcels.map((parcelId) => message(ParcelNoted, { parcelId, size: 's', colour: 'red' })),
    );
    await waitFor(
      'every parked event handled',
      () => parcels.every((p) => parcelState.handled.includes(`shipped:${p}`)),
      { timeoutMs: 20000 },
    );
    await waitFor('the parkings removed', async () => (await parked()).length === 0);
    await new Promise((r) => setTimeout(r, 300)); // a second run, had there been one, would have landed by now
    for (const p of parcels) expect(parcelState.handled.filter((h) => h === `shipped:${p}`)).toHaveLength(1);
  });
});
