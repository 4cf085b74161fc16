#!/usr/bin/env node
/**
 * `npm run provider:sim -- <providerId>`: a sample logistics provider, for
 * demos and tests. A separate process that uses only what a real provider
 * gets: its handoff topic `logistics.handoff.<providerId>.v1` (Kafka) and the
 * status webhook `POST /v1/providers/<providerId>/updates`, signed the
 * Standard Webhooks way with its secret. It accepts each ShipmentRequested,
 * picks it up, carries it and delivers it (or, at the failure rate, fails
 * twice and returns it to sender), and drops a shipment on ShipmentCancelled.
 *
 * Settings (environment):
 *   PROVIDER_SECRET   the whsec_… secret shown at registration (required)
 *   LOGISTICS_URL     the logistics service (default http://127.0.0.1:3006)
 *   KAFKA_BROKERS     default 127.0.0.1:9092
 *   SIM_ACCEPT_MS     delay before accepting (default 500)
 *   SIM_STEP_MS       delay between later steps (default 500)
 *   SIM_FAILURE_RATE  0..1, share of shipments that fail for good (default 0)
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Webhook } from 'standardwebhooks';

const providerId = process.argv[2];
const secret = process.env.PROVIDER_SECRET;
if (!providerId || !/^[a-z0-9][a-z0-9-]{1,47}$/.test(providerId) || !secret) {
  console.error('usage: PROVIDER_SECRET=whsec_… npm run provider:sim -- <providerId>');
  process.exit(2);
}
const url = (process.env.LOGISTICS_URL ?? 'http://127.0.0.1:3006').replace(/\/$/, '');
const acceptMs = Number(process.env.SIM_ACCEPT_MS ?? 500);
const stepMs = Number(process.env.SIM_STEP_MS ?? 500);
const failureRate = Number(process.env.SIM_FAILURE_RATE ?? 0);
const topic = `logistics.handoff.${providerId}.v1`;
const webhook = new Webhook(secret);
const log = (msg) => console.log(`[provider-sim ${providerId}] ${msg}`);

/** Shipments in hand: id → cancelled flag. */
const inHand = new Map();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function report(shipmentId, status, extra = {}) {
  const body = JSON.stringify({ shipmentId, status, occurredAt: new Date().toISOString(), providerReference: `SIM-${shipmentId.slice(0, 8)}`, ...extra });
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/v1/providers/${providerId}/updates`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': webhook.sign(id, now, body),
        },
        body,
      });
      const answer = await res.text();
      log(`${shipmentId} ${status} → ${res.status} ${answer}`);
      if (res.status < 500) return res.status;
    } catch (e) {
      log(`${shipmentId} ${status} failed: ${e.message}`);
    }
    if (attempt >= 5) return 0;
    await sleep(200 * attempt); // the same webhook-id: a retry has no second effect
  }
}

async function carry(shipmentId) {
  const steps = Math.random() < failureRate
    ? [['accepted'], ['picked-up'], ['in-transit'], ['out-for-delivery'], ['failed', { reason: 'recipient-absent' }], ['out-for-delivery'], ['failed', { reason: 'address-not-found' }], ['returned']]
    : [['accepted'], ['picked-up'], ['in-transit'], ['out-for-delivery'], ['delivered', { proofReference: `POD-${shipmentId.slice(0, 8)}` }]];
  for (const [i, [status, extra]] of steps.entries()) {
    await sleep(i === 0 ? acceptMs : stepMs);
    if (inHand.get(shipmentId)?.cancelled) return log(`${shipmentId} dropped (cancelled)`);
    await report(shipmentId, status, extra);
  }
}

const kafka = new Kafka({ clientId: `provider-sim-${providerId}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `provider-${providerId}-sim` });
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const type = message.headers?.['event-type']?.toString();
    const envelope = JSON.parse(message.value.toString());
    const shipmentId = envelope.data?.shipmentId;
    if (type === 'ShipmentRequested' && !inHand.has(shipmentId)) {
      inHand.set(shipmentId, { cancelled: false });
      log(`${shipmentId} requested (${envelope.data.direction ?? 'outbound'}, ${envelope.data.parcels.length} parcel(s))`);
      void carry(shipmentId);
    } else if (type === 'ShipmentCancelled') {
      inHand.set(shipmentId, { cancelled: true });
    } // other types: ignored, as the contract asks
  },
});
log(`reading ${topic}, reporting to ${url}`);
const stop = async () => {
  await consumer.disconnect().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
