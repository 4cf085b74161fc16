import { getModelToken } from '@nestjs/mongoose';
import { MongoClient } from 'mongodb';
import { Model } from 'mongoose';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { startTestService, TEST_MONGO_URL, TestService, uniqueId } from '../src/testing';
import { ProbePayment, webhookRuns, WebhooksProbeAppModule } from './probe/webhooks.fixture';

interface Issued {
  id: string;
  value: string;
}

describe('signed webhooks against a booted service and the real database', () => {
  let svc: TestService;
  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });

  beforeAll(async () => {
    svc = await startTestService(WebhooksProbeAppModule);
  });
  afterAll(async () => svc?.close());

  async function createCaller(channel = 'payments'): Promise<{ id: string; secret: Issued }> {
    const id = uniqueId('acme-').toLowerCase();
    const res = await request(svc.url)
      .post('/v1/webhook-callers')
      .set(ops())
      .send({ id, channel, name: 'Acme Pay' })
      .expect(201);
    return { id, secret: res.body.secret };
  }

  /** A delivery signed as a caller would, with standardwebhooks' own signer. */
  function signed(secret: string, body: string, options: { id?: string; at?: Date } = {}) {
    const id = options.id ?? uniqueId('msg_');
    const at = options.at ?? new Date();
    return {
      id,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, at, body),
      },
    };
  }

  const post = (callerId: string, body: string, headers: Record<string, string>, path = 'payment-webhooks') =>
    request(svc.url).post(`/v1/${path}/${callerId}`).set(headers).send(body);

  const payments = () => svc.app.get<Model<ProbePayment>>(getModelToken(ProbePayment.name));
  const paymentsFor = (orderId: string) => payments().countDocuments({ orderId });

  const expectRefused = (res: request.Response, message: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringMatching(message),
    });
  };

  it('keeps the management routes for ops behind the JWT guard, and never shows a secret again', async () => {
    await request(svc.url).get('/v1/webhook-callers').expect(401);
    await request(svc.url)
      .get('/v1/webhook-callers')
      .set('Authorization', `Bearer ${svc.token('member')}`)
      .expect(403);
    await request(svc.url)
      .post('/v1/webhook-callers')
      .set('Authorization', `Bearer ${svc.token('member')}`)
      .send({ id: 'x-pay', channel: 'payments' })
      .expect(403);

    const { id, secret } = await createCaller();
    expect(secret.value).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await request(svc.url).get('/v1/webhook-callers').set(ops()).expect(200);
    const mine = listed.body.find((c: { id: string }) => c.id === id);
    expect(mine).toMatchObject({ id, channel: 'payments', name: 'Acme Pay', secrets: [{ id: secret.id }] });
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    const one = await request(svc.url).get(`/v1/webhook-callers/${id}`).set(ops()).expect(200);
    expect(JSON.stringify(one.body)).not.toContain(secret.value);

    // At rest: sealed, not the secret nor its key bytes.
    const client = await MongoClient.connect(TEST_MONGO_URL);
    const stored = await client
      .db(svc.config.mongo.dbName)
      .collection('webhook_callers')
      .findOne({ _id: id as never });
    await client.close();
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain(secret.value);
    expect(raw).not.toContain(secret.value.slice('whsec_'.length, 30));
    expect(stored!.secrets[0]).toMatchObject({
      id: secret.id,
      iv: expect.any(String),
      tag: expect.any(String),
    });

    await request(svc.url)
      .post('/v1/webhook-callers')
      .set(ops())
      .send({ id, channel: 'payments' })
      .expect(409);
    const wrong = await request(svc.url)
      .post('/v1/webhook-callers')
      .set(ops())
      .send({ id: 'other-x', channel: 'parcels' })
      .expect(422);
    expect(wrong.body.message).toMatch(/channel: .*logistics, payments/);
  });

  it('accepts a correctly signed delivery, and answers a replay 200 with the first answer and no second effect', async () => {
    const { id, secret } = await createCaller();
    const orderId = uniqueId('order-');
    const body = JSON.stringify({ orderId, amountMinor: 1999 });
    const delivery = signed(secret.value, body);
    const first = await post(id, body, delivery.headers).expect(200);
    expect(first.body).toEqual({ received: true, orderId });
    expect(await paymentsFor(orderId)).toBe(1);

    const again = await post(id, body, delivery.headers).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['webhook-duplicate']).toBe('true');
    // Re-signed later with the same webhook-id (a provider's retry): still the same delivery.
    const retried = signed(secret.value, body, { id: delivery.id });
    await post(id, body, retried.headers).expect(200);
    expect(webhookRuns.get(`${id}:${delivery.id}`)).toBe(1);
    expect(await paymentsFor(orderId)).toBe(1);
  });

  it('refuses forged, stale, future, tampered, unsigned and unknown-caller deliveries with 401 and the error body', async () => {
    const { id, secret } = await createCaller();
    const orderId = uniqueId('order-');
    const body = JSON.stringify({ orderId, amountMinor: 500 });
    const forger = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

    expectRefused(await post(id, body, signed(forger, body).headers), /signature does not match/);
    const sixMinutes = 6 * 60 * 1000;
    expectRefused(
      await post(id, body, signed(secret.value, body, { at: new Date(Date.now() - sixMinutes) }).headers),
      /timestamp.*too old/,
    );
    expectRefused(
      await post(id, body, signed(secret.value, body, { at: new Date(Date.now() + sixMinutes) }).headers),
      /timestamp.*too new/,
    );
    const tampered = signed(secret.value, body);
    expectRefused(await post(id, body.replace('500', '5'), tampered.headers), /signature does not match/);
    expectRefused(await post(id, body, { 'content-type': 'application/json' }), /headers are required/);
    expectRefused(
      await post('nobody-pay', body, signed(secret.value, body).headers),
      /unknown webhook caller/,
    );
    // A payments caller does not reach the logistics channel.
    expectRefused(
      await post(id, '{}', signed(secret.value, '{}').headers, 'shipment-webhooks'),
      /unknown webhook caller/,
    );

    expect(await paymentsFor(orderId)).toBe(0);
    // The tampered delivery's id was not remembered: the genuine body with it is accepted.
    await post(id, body, tampered.headers).expect(200);
    expect(await paymentsFor(orderId)).toBe(1);
  });

  it('rotates a secret: both verify while two are active, a third is refused, the deleted one stops at once', async () => {
    const { id, secret: old } = await createCaller();
    const fresh = (await request(svc.url).post(`/v1/webhook-callers/${id}/secrets`).set(ops()).expect(201))
      .body as Issued;
    expect(fresh.value).not.toBe(old.value);
    await request(svc.url).post(`/v1/webhook-callers/${id}/secrets`).set(ops()).expect(422);

    const body = () => JSON.stringify({ orderId: uniqueId('order-'), amountMinor: 100 });
    const b1 = body();
    await post(id, b1, signed(old.value, b1).headers).expect(200);
    const b2 = body();
    await post(id, b2, signed(fresh.value, b2).headers).expect(200);

    await request(svc.url).delete(`/v1/webhook-callers/${id}/secrets/${old.id}`).set(ops()).expect(204);
    await request(svc.url).delete(`/v1/webhook-callers/${id}/secrets/${old.id}`).set(ops()).expect(404);
    const b3 = body();
    expectRefused(await post(id, b3, signed(old.value, b3).headers), /signature does not match/);
    const b4 = body();
    await post(id, b4, signed(fresh.value, b4).headers).expect(200);
    const listed = await request(svc.url).get(`/v1/webhook-callers/${id}`).set(ops()).expect(200);
    expect(listed.body.secrets.map((s: { id: string }) => s.id)).toEqual([fresh.id]);
  });

  it('runs the handler again after a crash left a delivery claimed and unfinished, and the keyed effect stays single', async () => {
    const { id, secret } = await createCaller();
    const orderId = uniqueId('order-');
    const body = JSON.stringify({ orderId, amountMinor: 700 });
    const delivery = signed(secret.value, body);
    const deliveryId = `${id}:${delivery.id}`;
    await post(id, body, delivery.headers).expect(200);

    // As if the process died after the effect and before recording the delivery as done, long enough ago.
    const client = await MongoClient.connect(TEST_MONGO_URL);
    await client
      .db(svc.config.mongo.dbName)
      .collection('webhook_deliveries')
      .updateOne(
        { _id: deliveryId as never },
        { $set: { status: 'processing', leaseUntil: new Date(Date.now() - 1000) } },
      );
    await client.close();

    await post(id, body, signed(secret.value, body, { id: delivery.id }).headers).expect(200);
    expect(webhookRuns.get(deliveryId)).toBe(2);
    expect(await paymentsFor(orderId)).toBe(1);
    const replay = await post(id, body, delivery.headers).expect(200);
    expect(replay.headers['webhook-duplicate']).toBe('true');
    expect(webhookRuns.get(deliveryId)).toBe(2);
  });

  it('documents the webhook routes as public, signed, and answering 401', async () => {
    const doc = (await request(svc.url).get('/docs-json').expect(200)).body;
    const op = doc.paths['/v1/payment-webhooks/{callerId}'].post;
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '409']));
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['callerId', 'webhook-id', 'webhook-timestamp', 'webhook-signature']),
    );
    expect(doc.paths['/v1/webhook-callers'].post.security).toEqual([{ bearer: [] }]);
  });
});
