/**
 * A new consumer group that does not read from the beginning starts at the
 * end as it is when the service starts, fixed in the group's offsets before
 * it joins, not at kafkajs's first fetch after the join: what a caller
 * publishes as soon as the service is up is never skipped.
 */
import { Kafka, logLevel } from 'kafkajs';
import { eventMessage, KafkaTestClient, startTestService, TEST_KAFKA_BROKERS, TestService, uniqueId, waitFor } from '../src/testing';
import { PROBE_TOPIC, ProbeAppModule, ProbeRecorded, probeState } from './probe/probe.fixture';

const probe = (probeId: string) => eventMessage(ProbeRecorded, { probeId, failTimes: 0, reject: false, needsFix: false });
const idOf = (m: { value: string }) => (JSON.parse(m.value) as { id: string }).id;

describe('a new consumer group', () => {
  const kafka = new KafkaTestClient();
  const admin = new Kafka({ clientId: 'group-start-test', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  let svc: TestService;
  const old = probe(uniqueId('old-'));

  beforeAll(async () => {
    await kafka.createTopic(PROBE_TOPIC.name).catch(() => undefined);
    await admin.connect();
    // Something already on the topic, which the new group must not read.
    await kafka.produce(PROBE_TOPIC.name, [old]);
  });
  afterAll(async () => {
    await svc?.close();
    await admin.disconnect();
    await kafka.close();
  });

  it('has its start committed at the end before the service is up, and reads what comes next', async () => {
    const ends = await admin.fetchTopicOffsets(PROBE_TOPIC.name);
    svc = await startTestService(ProbeAppModule);
    const [committed] = await admin.fetchOffsets({ groupId: svc.config.kafka.groupId, topics: [PROBE_TOPIC.name] });
    for (const p of committed.partitions) {
      const end = ends.find((e) => e.partition === p.partition)!;
      expect(BigInt(p.offset)).toBeGreaterThanOrEqual(BigInt(end.high));
    }

    const next = probe(uniqueId('new-'));
    await kafka.produce(PROBE_TOPIC.name, [next]);
    await waitFor('the event published right after start', () => probeState.applied.includes(idOf(next)));
    expect(probeState.applied).not.toContain(idOf(old));
  });
});
