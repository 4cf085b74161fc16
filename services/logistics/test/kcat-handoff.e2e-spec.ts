import { buildAsyncApiDocument, PROVIDER_HANDOFF_CHANNEL, providerHandoffTopic } from '@netdirect/contracts';
import { KafkaTestClient, startTestService, TEST_KAFKA_BROKERS, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { closeAll, placePaidOrder, providerRegistration, publishSkus, TestSku } from './support';

/*
 * A provider reads its handoff topic with kcat, a Kafka client nobody here
 * wrote (installed from the system's packages; .ci/run installs it), and
 * every message it gets validates against the generated AsyncAPI
 * document: the handoff channel's message for its event-type header, its
 * payload (the envelope) and its headers, keyed by the shipment id.
 */

const DB = `test_logistics_kcat_${uniqueId()}`;
const ENV = { MONGO_DB: DB, KAFKA_GROUP_ID: `test-logistics-kcat-${uniqueId()}`, TIMERS_POLL_MS: '100', OUTBOX_POLL_MS: '200' };
const provider = `kcat-${uniqueId('').toLowerCase()}`;
const run = promisify(execFile);

/** What `kcat -J` prints per message. */
interface KcatMessage {
  topic: string;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

function requireKcat(): void {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
  } catch {
    throw new Error('kcat is not installed: this test reads a handoff topic with it. Install it with `apt-get install -y kcat` (.ci/run does).');
  }
}

/** Everything on the topic so far, read by kcat from the beginning to the end (`-e`). */
async function readWithKcat(topic: string): Promise<KcatMessage[]> {
  const { stdout } = await run('kcat', ['-C', '-b', TEST_KAFKA_BROKERS, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], { timeout: 20_000 });
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as KcatMessage);
}

/** The AsyncAPI handoff channel's schemas per event type: payload and headers. */
function handoffValidators(): Map<string, { payload: ValidateFunction; headers: ValidateFunction }> {
  const doc = buildAsyncApiDocument() as unknown as {
    channels: Record<string, { messages: Record<string, { $ref: string }> }>;
    components: { messages: Record<string, { name: string; payload: object; headers: object }> };
  };
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const out = new Map<string, { payload: ValidateFunction; headers: ValidateFunction }>();
  for (const { $ref } of Object.values(doc.channels[PROVIDER_HANDOFF_CHANNEL].messages)) {
    const message = doc.components.messages[$ref.split('/').pop()!];
    out.set(message.name, { payload: ajv.compile(message.payload), headers: ajv.compile(message.headers) });
  }
  return out;
}

describe('logistics: a provider reading its handoff topic with kcat', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), weightGrams: 500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } };

  beforeAll(async () => {
    requireKcat();
    svc = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await request(svc.app.getHttpServer()).post('/v1/providers').set('Authorization', `Bearer ${svc.token('ops')}`).send(providerRegistration(provider, 1, ['DE'])).expect(201);
    await publishSkus(kafka, mongo.db(DB), [tea]);
  }, 60_000);

  afterAll(() => closeAll(svc, mongo, kafka));

  it('gets ShipmentRequested and ShipmentCancelled that validate against the AsyncAPI document, and nothing else', async () => {
    const shipmentId = await placePaidOrder(kafka, mongo.db(DB), [{ skuId: tea.skuId, quantity: 2 }]);
    // Suspending its only provider takes the shipment back: the provider is told to drop it.
    await request(svc.app.getHttpServer()).post(`/v1/providers/${provider}/suspend`).set('Authorization', `Bearer ${svc.token('ops')}`).send({ reason: 'test' }).expect(200);

    const topic = providerHandoffTopic(provider).name;
    const typeOf = (m: KcatMessage) => JSON.parse(m.payload!).type as string;
    const messages = await waitFor(
      'both events read by kcat',
      async () => {
        const read = await readWithKcat(topic);
        return read.some((m) => typeOf(m) === 'ShipmentCancelled') && read;
      },
      { timeoutMs: 30_000 },
    );

    const validators = handoffValidators();
    expect([...validators.keys()].sort()).toEqual(['ShipmentCancelled', 'ShipmentRequested']);
    const seen = new Set<string>();
    for (const m of messages) {
      expect(m.topic).toBe(topic);
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < (m.headers ?? []).length; i += 2) headers[m.headers![i]] = m.headers![i + 1];
      const envelope = JSON.parse(m.payload!);
      const schemas = validators.get(headers['event-type']);
      expect(schemas).toBeDefined();
      expect({ type: headers['event-type'], errors: schemas!.headers(headers) ? null : schemas!.headers.errors }).toEqual({ type: envelope.type, errors: null });
      expect({ type: envelope.type, errors: schemas!.payload(envelope) ? null : schemas!.payload.errors }).toEqual({ type: envelope.type, errors: null });
      expect(m.key).toBe(shipmentId);
      expect(envelope.data).toMatchObject({ shipmentId, providerId: provider });
      // The schema holds: the same message without its shipment id does not validate.
      expect(schemas!.payload({ ...envelope, data: { ...envelope.data, shipmentId: undefined } })).toBe(false);
      seen.add(envelope.type);
    }
    expect([...seen].sort()).toEqual(['ShipmentCancelled', 'ShipmentRequested']);
    expect(messages.map(typeOf).filter((t, i, all) => all.indexOf(t) === i)).toEqual(['ShipmentRequested', 'ShipmentCancelled']);
  }, 60_000);
});
