import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventRecorder, newWithEvents, withEvents } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import { Probe, PROBE_TOPIC, ProbeAppModule, ProbeRecorded } from './probe/probe.fixture';

const AGGREGATES = 20;
const EVENTS_EACH = 25;

/**
 * Two relays on one database and one Kafka, as two replicas of a service run
 * in production: both are woken by every write (they share this process's
 * write signals) and race to claim each document, so only the lease and the
 * compare-and-set clear keep them apart.
 */
describe('two outbox relays sharing one database', () => {
  const kafka = new KafkaTestClient();
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    await kafka.createTopic(PROBE_TOPIC.name).catch(() => undefined);
    captured = await kafka.capture([PROBE_TOPIC.name]);
    const shared = { MONGO_DB: `test_${uniqueId('relays')}`, OUTBOX_LEASE_MS: '30000', OUTBOX_POLL_MS: '200' };
    a = await startTestService(ProbeAppModule, shared);
    b = await startTestService(ProbeAppModule, shared);
  });

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await kafka.close();
  });

  it('publishes every event at least once and no aggregate out of order', async () => {
    const replicas = [a, b].map((svc) => ({
      probes: svc.app.get<Model<Probe>>(getModelToken(Probe.name)),
      recorder: svc.app.get(EventRecorder),
    }));
    const prefix = uniqueId('race-');
    const recorded = new Map<string, string[]>();

    // Each aggregate gets its events one write at a time (so their order is known),
    // alternating between the two replicas; the aggregates are written concurrently.
    await Promise.all(
      Array.from({ length: AGGREGATES }, async (_, n) => {
        const probeId = `${prefix}-${n}`;
        const ids: string[] = [];
        recorded.set(probeId, ids);
        for (let i = 0; i < EVENTS_EACH; i++) {
          const { probes, recorder } = replicas[i % 2];
          const event = recorder.record(ProbeRecorded, { probeId, failTimes: 0, reject: false, needsFix: false });
          ids.push(event.id);
          if (i === 0) await probes.create(newWithEvents({ _id: probeId }, [event]));
          else await probes.updateOne({ _id: probeId }, withEvents({}, [event])).exec();
        }
      }),
    );

    const total = AGGREGATES * EVENTS_EACH;
    const seen = () => new Set(captured.filter((m) => m.key?.startsWith(prefix)).map((m) => JSON.parse(m.value!).id));
    await waitFor(`all ${total} events on Kafka`, () => seen().size === total, { timeoutMs: 60000 });

    for (const [probeId, ids] of recorded) {
      const published = captured.filter((m) => m.key === probeId).map((m) => JSON.parse(m.value!).id as string);
      // A redelivery may repeat events; what matters is that no event appears before one recorded earlier.
      const firstSeen = published.filter((id, i) => published.indexOf(id) === i);
      expect(firstSeen).toEqual(ids);
    }

    const probes = replicas[0].probes;
    await waitFor('every outbox cleared', async () => {
      const docs = await probes
        .find({ _id: { $in: [...recorded.keys()] } })
        .lean<{ outbox: unknown[]; outboxPendingId?: string; outboxLeaseUntil?: Date | null }[]>();
      return docs.every((d) => d.outbox.length === 0 && !d.outboxPendingId && !d.outboxLeaseUntil);
    });
    const duplicates = captured.filter((m) => m.key?.startsWith(prefix)).length - total;
    // Duplicates come only from a lease that expired mid-publish (30 s here), so there should be none.
    expect(duplicates).toBe(0);
  });
});
