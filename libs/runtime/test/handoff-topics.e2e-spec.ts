import { exampleOf, providerHandoffTopic, ShipmentRequested, Topics } from '@netdirect/contracts';
import { getModelToken } from '@nestjs/mongoose';
import { Kafka, logLevel } from 'kafkajs';
import { Model } from 'mongoose';
import { EventRecorder, newWithEvents, withEvents } from '../src';
import { KafkaTestClient, startTestService, TEST_KAFKA_BROKERS, TestService, uniqueId, waitFor } from '../src/testing';
import { HandoffProbeAppModule, ShipmentProbe } from './probe/consumer-probe.fixture';

/** Everything on a topic from its start (the capture helper starts at the end, and needs the topic to exist). */
async function readTopic(topic: string): Promise<{ key: string | null; value: string; headers: Record<string, string> }[]> {
  const kafka = new Kafka({ clientId: uniqueId('read-'), brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let end: number;
  try {
    await admin.connect();
    end = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: uniqueId('read-'), allowAutoTopicCreation: false });
  const out: { key: string | null; value: string; headers: Record<string, string> }[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        out.push({ key: message.key?.toString() ?? null, value: message.value!.toString(), headers });
      },
    });
    await waitFor(`${end} messages on ${topic}`, () => out.length >= end);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

describe('publishing one event to an extra topic from the same document write', () => {
  const kafka = new KafkaTestClient();
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;
  let svc: TestService;

  beforeAll(async () => {
    await kafka.createTopic(Topics.logisticsShipments.name, Topics.logisticsShipments.partitions).catch(() => undefined);
    captured = await kafka.capture([Topics.logisticsShipments.name]);
    svc = await startTestService(HandoffProbeAppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  it("publishes ShipmentRequested on the shipments topic and on the provider's handoff topic, creating that topic", async () => {
    const provider = uniqueId('prov-').toLowerCase();
    const handoff = providerHandoffTopic(provider);
    const shipments = svc.app.get<Model<ShipmentProbe>>(getModelToken(ShipmentProbe.name));
    const recorder = svc.app.get(EventRecorder);
    const shipmentId = uniqueId('shp-');
    const data = { ...(exampleOf('ShipmentRequested') as unknown as ShipmentRequested), shipmentId, providerId: provider };
    const events = recorder.record(ShipmentRequested, data, { alsoTo: [handoff] });
    await shipments.create(newWithEvents({ _id: shipmentId }, events));

    const primary = await waitFor('the event on the shipments topic', () =>
      captured.find((m) => m.key === shipmentId),
    );
    const onHandoff = await waitFor('the event on the handoff topic', async () => {
      const all = await readTopic(handoff.name).catch(() => []);
      return all.find((m) => m.key === shipmentId);
    });
    expect(onHandoff.value).toBe(primary.value);
    expect(onHandoff.headers['event-id']).toBe(events[0].id);
    expect(onHandoff.headers['event-type']).toBe('ShipmentRequested');

    const admin = new Kafka({ clientId: uniqueId('meta-'), brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: [handoff.name] });
    await admin.disconnect();
    expect(meta.topics[0].partitions).toHaveLength(handoff.partitions);

    // A second shipment to the same provider: the topic is known now, and the outbox is cleared each time.
    const second = recorder.record(ShipmentRequested, { ...data, shipmentId: `${shipmentId}-2` }, { alsoTo: [handoff] });
    await shipments.updateOne({ _id: shipmentId }, withEvents({}, second)).exec();
    await waitFor('the second event on the handoff topic', async () =>
      (await readTopic(handoff.name)).some((m) => m.key === `${shipmentId}-2`),
    );
    await waitFor('the outbox cleared', async () => {
      const doc = await shipments.findById(shipmentId).lean<{ outbox: unknown[] }>();
      return doc?.outbox.length === 0;
    });
  });
});
