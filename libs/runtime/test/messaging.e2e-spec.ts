import { createEnvelope, deadLetterTopic, headersFor } from '@netdirect/contracts';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import request from 'supertest';
import { EventRecorder, OutboxRelay, signToken, withEvents } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import { Probe, PROBE_TOPIC, ProbeAppModule, ProbeRecorded, probeState } from './probe/probe.fixture';

const DLQ = deadLetterTopic('network').name;

function probeMessage(data: Partial<ProbeRecorded> & { probeId: string }, id?: string) {
  const payload = { failTimes: 0, reject: false, needsFix: false, ...data };
  const { envelope } = createEnvelope(ProbeRecorded, payload, {
    producer: 'network',
    correlationId: uniqueId('corr-'),
    causationId: uniqueId('cause-'),
    id,
  });
  return { envelope, message: { key: payload.probeId, value: JSON.stringify(envelope), headers: headersFor(envelope) } };
}

describe('messaging runtime against real Kafka and the MongoDB-wire database', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    await kafka.createTopic(PROBE_TOPIC.name).catch(() => undefined);
    captured = await kafka.capture([PROBE_TOPIC.name, DLQ]);
    svc = await startTestService(ProbeAppModule, { OUTBOX_LEASE_MS: '1000' });
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });
  const deadLettersFor = (key: string) => captured.filter((m) => m.topic === DLQ && m.key === key);

  it('applies an event published three times exactly once', async () => {
    const probeId = uniqueId('dup-');
    const { envelope, message } = probeMessage({ probeId });
    await kafka.produce(PROBE_TOPIC.name, [message, message, message]);
    await waitFor('three deliveries', () => probeState.attempts.get(envelope.id) === 3);
    expect(probeState.applied.filter((id) => id === envelope.id)).toHaveLength(1);
    const effects = svc.app.get<Model<unknown>>(getModelToken('ProbeEffect'));
    expect(await effects.countDocuments({ probeId })).toBe(1);
  });

  it('publishes through the outbox with the request id as correlation id, and clears it', async () => {
    const probeId = uniqueId('http-');
    const res = await request(svc.url)
      .post('/probes')
      .set(ops())
      .set('x-request-id', `req-${probeId}`)
      .send({ probeId })
      .expect(201);
    const published = await waitFor('the event on Kafka', () =>
      captured.find((m) => m.topic === PROBE_TOPIC.name && m.key === probeId),
    );
    const envelope = JSON.parse(published.value!);
    expect(envelope).toMatchObject({ id: res.body.eventId, type: 'ProbeRecorded', version: 1, producer: 'network' });
    expect(envelope.correlationId).toBe(`req-${probeId}`);
    expect(published.headers['event-type']).toBe('ProbeRecorded');
    expect(published.headers['correlation-id']).toBe(`req-${probeId}`);
    await waitFor('the handler', () => probeState.applied.includes(envelope.id));
    const probes = svc.app.get<Model<Probe>>(getModelToken(Probe.name));
    await waitFor('the outbox to be cleared', async () => {
      const doc = await probes.findById(probeId).lean<{ outbox: unknown[]; outboxPendingId?: string }>();
      return doc && doc.outbox.length === 0 && !doc.outboxPendingId;
    });
  });

  it('loses no event when many writes carrying events hit one document at once (and the relay clears between them)', async () => {
    const probes = svc.app.get<Model<Probe>>(getModelToken(Probe.name));
    const recorder = svc.app.get(EventRecorder);
    const probeId = uniqueId('burst-');
    await request(svc.url).post('/probes').set(ops()).send({ probeId }).expect(201);
    const events = Array.from({ length: 60 }, () =>
      recorder.record(ProbeRecorded, { probeId, failTimes: 0, reject: false, needsFix: false }),
    );
    await Promise.all(events.map((e) => probes.updateOne({ _id: probeId }, withEvents({}, [e])).exec()));
    const published = await waitFor(
      'all 60 events published',
      () => {
        const ids = new Set(captured.filter((m) => m.key === probeId).map((m) => JSON.parse(m.value!).id));
        return events.every((e) => ids.has(e.id)) && ids;
      },
      { timeoutMs: 20000 },
    );
    expect(published.size).toBe(61);
    const doc = await probes.findById(probeId).lean<{ outboxSeq: number }>();
    expect(doc!.outboxSeq).toBe(61);
  });

  it('delivers at least once when the relay dies between publishing and clearing', async () => {
    const relay = svc.app.get(OutboxRelay) as unknown as { clear: (...a: unknown[]) => Promise<void> };
    const realClear = relay.clear;
    let crashes = 0;
    relay.clear = async function (this: unknown, ...args: unknown[]) {
      if (crashes++ === 0) throw new Error('simulated crash after publish');
      return realClear.apply(this, args);
    };
    try {
      const probeId = uniqueId('crash-');
      const res = await request(svc.url).post('/probes').set(ops()).send({ probeId }).expect(201);
      const copies = await waitFor(
        'the event to be published again after the lease expired',
        () => {
          const found = captured.filter((m) => m.topic === PROBE_TOPIC.name && m.key === probeId);
          return found.length >= 2 && found;
        },
        { timeoutMs: 20000 },
      );
      expect(new Set(copies.map((c) => JSON.parse(c.value!).id))).toEqual(new Set([res.body.eventId]));
      await waitFor('both deliveries', () => (probeState.attempts.get(res.body.eventId) ?? 0) >= 2);
      expect(probeState.applied.filter((id) => id === res.body.eventId)).toHaveLength(1);
    } finally {
      relay.clear = realClear;
    }
  });

  it('dead-letters malformed and invalid messages with the reason, ignores an unknown type, and moves on', async () => {
    const key = uniqueId('bad-');
    const good = probeMessage({ probeId: key });
    const invalid = probeMessage({ probeId: key });
    (invalid.envelope.data as unknown as Record<string, unknown>).failTimes = 'many';
    const unknown = { ...good.envelope, id: uniqueId('unk-'), type: 'NoSuchThingHappened' };
    await kafka.produce(PROBE_TOPIC.name, [
      { key, value: '{"this is": not json' },
      { key, value: JSON.stringify(invalid.envelope) },
      // Tolerant reader: a type this service has no handler for (here one no contract knows) is not an error.
      { key, value: JSON.stringify(unknown) },
      good.message,
    ]);
    await waitFor('the good message after the bad ones', () => probeState.applied.includes(good.envelope.id));
    const dlq = await waitFor('two dead letters', () => deadLettersFor(key).length >= 2 && deadLettersFor(key));
    await new Promise((r) => setTimeout(r, 300));
    expect(deadLettersFor(key).map((m) => m.headers['dlq-kind'])).toEqual(['malformed-json', 'invalid-payload']);
    expect(dlq[0].value).toBe('{"this is": not json');
    expect(dlq[1].headers['dlq-error']).toMatch(/failTimes/);
    expect(dlq.every((m) => m.headers['dlq-original-topic'] === PROBE_TOPIC.name)).toBe(true);

    const listed = await request(svc.url).get('/ops/dead-letters?status=pending').set(ops()).expect(200);
    const mine = listed.body.filter((d: { key: string }) => d.key === key);
    expect(mine.map((d: { kind: string }) => d.kind)).toEqual(['malformed-json', 'invalid-payload']);
  });

  it('retries a transient failure and applies the event once, without a dead letter', async () => {
    const probeId = uniqueId('flaky-');
    const { envelope, message } = probeMessage({ probeId, failTimes: 2 });
    await kafka.produce(PROBE_TOPIC.name, [message]);
    await waitFor('the third attempt', () => probeState.applied.includes(envelope.id));
    expect(probeState.attempts.get(envelope.id)).toBe(3);
    expect(probeState.applied.filter((id) => id === envelope.id)).toHaveLength(1);
    expect(deadLettersFor(probeId)).toHaveLength(0);
  });

  it('dead-letters a permanent failure at once and replays it after the cause is fixed', async () => {
    const probeId = uniqueId('fixme-');
    const { envelope, message } = probeMessage({ probeId, needsFix: true });
    await kafka.produce(PROBE_TOPIC.name, [message]);
    const [dl] = await waitFor('the dead letter', () => deadLettersFor(probeId).length === 1 && deadLettersFor(probeId));
    expect(dl.headers['dlq-error']).toBe('cannot apply until fixed');
    expect(dl.headers['dlq-kind']).toBe('rejected');
    expect(dl.headers['dlq-attempts']).toBe('1');
    expect(probeState.applied).not.toContain(envelope.id);

    const stored = await waitFor('the stored dead letter', async () => {
      const res = await request(svc.url).get('/ops/dead-letters').set(ops());
      return res.body.find((d: { key: string }) => d.key === probeId);
    });
    // Still broken: replay reports the reason and keeps it pending.
    const again = await request(svc.url).post(`/ops/dead-letters/${stored.id}/replay`).set(ops()).expect(422);
    expect(again.body.message).toMatch(/cannot apply until fixed/);

    probeState.fixed = true;
    const ok = await request(svc.url).post(`/ops/dead-letters/${stored.id}/replay`).set(ops()).expect(200);
    expect(ok.body.outcome).toBe('handled');
    expect(probeState.applied).toContain(envelope.id);
    const after = await request(svc.url).get(`/ops/dead-letters/${stored.id}`).set(ops()).expect(200);
    expect(after.body).toMatchObject({ status: 'replayed', replays: 2 });
  });

  it('answers 400 naming an unknown or invalid field, 401 without a token, 403 without the role', async () => {
    const unknown = await request(svc.url)
      .post('/probes')
      .set(ops())
      .send({ probeId: 'p-1', colour: 'blue' })
      .expect(400);
    expect(unknown.body.fields).toEqual([{ field: 'colour', reason: 'property colour should not exist' }]);
    const invalid = await request(svc.url).post('/probes').set(ops()).send({ probeId: 'NO SPACES' }).expect(400);
    expect(invalid.body.fields[0].field).toBe('probeId');

    await request(svc.url).post('/probes').send({ probeId: 'p-2' }).expect(401);
    await request(svc.url).post('/probes').set('Authorization', 'Bearer not-a-token').send({ probeId: 'p-2' }).expect(401);
    // Well-formed tokens the gateway must still refuse: another key, another issuer, expired.
    const refused = [
      signToken({ secret: 'another-secret-of-at-least-32-characters', issuer: svc.config.auth.issuer }, 'ops', 'x'),
      signToken({ secret: svc.config.auth.secret, issuer: 'someone-else' }, 'ops', 'x'),
      signToken(svc.config.auth, 'ops', 'x', -60),
    ];
    for (const token of refused) {
      await request(svc.url).post('/probes').set('Authorization', `Bearer ${token}`).send({ probeId: 'p-2' }).expect(401);
    }
    await request(svc.url)
      .post('/probes')
      .set('Authorization', `Bearer ${svc.token('member')}`)
      .send({ probeId: 'p-2' })
      .expect(403);
    await request(svc.url).get('/ops/dead-letters').set('Authorization', `Bearer ${svc.token('finance')}`).expect(403);
  });

  it('exposes consumer, outbox and HTTP metrics', async () => {
    const res = await request(svc.url).get('/metrics').expect(200);
    expect(res.text).toMatch(/netdirect_consumer_messages_total\{.*outcome="handled".*\} \d+/);
    expect(res.text).toMatch(/netdirect_consumer_messages_total\{.*outcome="dead_lettered".*\} \d+/);
    expect(res.text).toMatch(/netdirect_outbox_backlog\{.*collection="probes".*\} 0/);
    expect(res.text).toMatch(/netdirect_outbox_published_total/);
    expect(res.text).toMatch(/netdirect_http_request_duration_seconds_bucket\{.*route="\/probes"/);
  });
});
