/**
 * What the fault run does to the topics while orders flow: it reads every
 * topic a service consumes, produces an exact copy of 10 % of the real events
 * (a redelivery), and after every 100th real message of a topic (and its
 * first) one poison message, in turn: malformed JSON, an invalid envelope, an
 * invalid payload of a type some service handles, and an event of a type no
 * service knows (which must be ignored, not dead-lettered). Each poison
 * carries a `fault-poison` header (kept by the dead-letter topic with the
 * original headers) naming it, so the dead-letter topics can be checked
 * against exactly what was injected.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KINDS = ['malformed-json', 'invalid-envelope', 'invalid-payload', 'unknown-type'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Which event types each service handles through its consumer group (not its
 * per-replica broadcast consumers), read from the services' `@OnEvent(...)`
 * declarations: where a dead letter of a given type must show up.
 */
export function handledTypes(root) {
  const out = new Map();
  for (const service of fs.readdirSync(path.join(root, 'services'))) {
    const types = new Set();
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) {
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/@OnEvent\((\w+)([^)]*)\)/g)) {
            if (!/broadcast:\s*true/.test(m[2])) types.add(m[1]);
          }
        }
      }
    };
    const src = path.join(root, 'services', service, 'src');
    if (fs.existsSync(src)) walk(src);
    out.set(service, types);
  }
  return out;
}

export class Chaos {
  constructor({ kafka, topics, handled, duplicateRate = 0.1, poisonEvery = 100, log }) {
    this.kafka = kafka;
    this.topics = topics;
    this.handled = handled;
    this.duplicateRate = duplicateRate;
    this.poisonEvery = poisonEvery;
    this.log = log;
    this.perTopic = new Map(topics.map((t) => [t, { real: 0, duplicated: 0, poisonDue: 0 }]));
    /** poison id → { id, kind, topic, type, expected: service names whose dead letters must hold it } */
    this.poisons = new Map();
    this.kindCursor = 0;
    this.queue = [];
    this.running = false;
  }

  async start() {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 30, maxRetryTime: 2000 } });
    this.consumer = this.kafka.consumer({ groupId: `faults-chaos-${randomUUID()}`, sessionTimeout: 10000, heartbeatInterval: 1000, retry: { retries: 1000, maxRetryTime: 2000 } });
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    this.running = true;
    this.sender = this.sendLoop();
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (message.headers?.['fault-copy'] || message.headers?.['fault-poison']) return;
        const stats = this.perTopic.get(topic);
        stats.real++;
        const type = message.headers?.['event-type']?.toString() ?? null;
        if (Math.random() < this.duplicateRate) {
          stats.duplicated++;
          this.queue.push({ topic, messages: [{ key: message.key, value: message.value, headers: { ...message.headers, 'fault-copy': '1' } }] });
        }
        if (stats.real % this.poisonEvery === 1) stats.poisonDue++;
        if (stats.poisonDue > 0 && type) {
          const kind = KINDS[this.kindCursor % KINDS.length];
          const consumers = [...this.handled].filter(([, types]) => types.has(type)).map(([s]) => s);
          // An invalid payload must be of a type somebody handles; wait for such a message.
          if (kind === 'invalid-payload' && consumers.length === 0) return;
          stats.poisonDue--;
          this.kindCursor++;
          this.queue.push(this.poison(kind, topic, type, message, consumers));
        }
      },
    });
  }

  poison(kind, topic, type, message, consumers) {
    const id = `poison-${this.poisons.size + 1}-${randomUUID().slice(0, 8)}`;
    const envelope = JSON.parse(message.value.toString());
    const headers = { ...stringHeaders(message.headers), 'fault-poison': id };
    let value;
    const key = id;
    let expected = consumers;
    if (kind === 'malformed-json') {
      value = `{"id":"${id}","type":"${type}","data":{`;
    } else if (kind === 'invalid-envelope') {
      value = JSON.stringify({ id: 42, kind: 'not an envelope', poison: id });
    } else if (kind === 'invalid-payload') {
      // The real envelope of a handled type with its data emptied: every field a handler reads is missing.
      value = JSON.stringify({ ...envelope, id: randomUUID(), key: id, data: {} });
    } else {
      const unknown = 'FaultRunUnknownEvent';
      headers['event-type'] = unknown;
      value = JSON.stringify({ ...envelope, id: randomUUID(), type: unknown, key: id, data: { something: id } });
      expected = [];
    }
    this.poisons.set(id, { id, kind, topic, type: kind === 'unknown-type' ? 'FaultRunUnknownEvent' : type, expected });
    return { topic, messages: [{ key, value, headers }] };
  }

  /** Sends what the consumer queued, retrying through broker outages (the broker is killed too). */
  async sendLoop() {
    while (this.running || this.queue.length) {
      const next = this.queue[0];
      if (!next) {
        await sleep(50);
        continue;
      }
      try {
        await this.producer.send({ topic: next.topic, acks: -1, messages: next.messages });
        this.queue.shift();
      } catch (e) {
        this.log(`chaos: send to ${next.topic} failed (${e.message}); retrying`);
        await sleep(500);
      }
    }
  }

  /** Stop reading; send everything queued. */
  async stop() {
    await this.consumer?.disconnect().catch(() => undefined);
    this.running = false;
    await this.sender;
    await this.producer?.disconnect().catch(() => undefined);
  }

  figures() {
    let real = 0;
    let duplicated = 0;
    for (const s of this.perTopic.values()) {
      real += s.real;
      duplicated += s.duplicated;
    }
    const byKind = Object.fromEntries(KINDS.map((k) => [k, [...this.poisons.values()].filter((p) => p.kind === k).length]));
    return { real, duplicated, poisons: this.poisons.size, byKind };
  }
}

function stringHeaders(headers = {}) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return out;
}

/**
 * Every message on the dead-letter topics, read from the beginning to the
 * end offsets as they are now: { service → [{ poison id or null, reason, type, topic }] }.
 */
export async function readDeadLetters(kafka, services, deadLetterTopicOf) {
  const admin = kafka.admin();
  await admin.connect();
  const out = new Map();
  try {
    for (const service of services) {
      const topic = deadLetterTopicOf(service);
      const ends = await admin.fetchTopicOffsets(topic);
      const want = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
      const total = [...want.values()].reduce((s, v) => s + v, 0n);
      const items = [];
      out.set(service, items);
      if (total === 0n) continue;
      const consumer = kafka.consumer({ groupId: `faults-dlq-${randomUUID()}` });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const seen = new Map();
      let done;
      const finished = new Promise((r) => (done = r));
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const h = stringHeaders(message.headers);
          items.push({ poison: h['fault-poison'] ?? null, reason: `${h['dlq-kind'] ?? '?'}: ${(h['dlq-error'] ?? '').slice(0, 300)}`, group: h['dlq-group'] ?? null, type: h['event-type'] ?? null, topic: h['dlq-original-topic'] ?? null });
          seen.set(partition, BigInt(message.offset) + 1n);
          if ([...want].every(([p, high]) => (seen.get(p) ?? 0n) >= high)) done();
        },
      });
      // Partitions already read to their end (empty) count as read.
      for (const [p, high] of want) if (high === 0n) seen.set(p, 0n);
      if ([...want].every(([p, high]) => (seen.get(p) ?? 0n) >= high)) done();
      await Promise.race([finished, sleep(60000)]);
      await consumer.disconnect();
    }
  } finally {
    await admin.disconnect();
  }
  return out;
}
