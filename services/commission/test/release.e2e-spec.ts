import { CLOCK, TestClock } from '@netdirect/runtime';
import { KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { memberRegistered, orderCompleted, orderPaid, orderPlaced, produceNetwork, produceOrders } from './support';

/*
 * Release under the eu profile, on the test clock: a final line of a
 * completed order is not paid out before the 14-day withdrawal period after
 * completion ends, and is the day after.
 */

const DB = `test_commission_release_${uniqueId()}`;

describe('commission: release under eu', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  const seller = uniqueId('eu-op-');
  const http = () => request(svc.app.getHttpServer());
  const finance = (subject: string) => `Bearer ${svc.token('finance', subject)}`;
  const clock = () => svc.app.get<TestClock>(CLOCK);

  beforeAll(async () => {
    svc = await startTestService(AppModule, { MONGO_DB: DB, KAFKA_GROUP_ID: `test-commission-release-${uniqueId()}`, CLOCK: 'test', CLOCK_START: '2025-03-01T00:00:00Z', COMMISSION_PAYOUT_MINIMUM: '100' });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    await produceNetwork(kafka, [memberRegistered({ id: seller, kind: 'operator', upline: [] }, 'DE')]);
    await waitFor('the seller', () => mongo.db(DB).collection('network_members').findOne({ _id: seller as never }));
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('holds a completed order’s line until the withdrawal period after completion has ended', async () => {
    const orderId = uniqueId('eu-o-');
    const order = { orderId, buyerId: `${orderId}-guest`, buyerKind: 'guest' as const, sellerId: seller, market: 'DE', lines: [{ priceKind: 'retail' as const, bvPerUnit: 1000, unitPrice: 5000, memberUnitPrice: 3500 }] };
    await produceOrders(kafka, [orderPlaced(order, '2025-02-10T10:00:00.000Z'), orderPaid(orderId, '2025-02-10T10:00:00.000Z'), orderCompleted(orderId, '2025-02-25T00:00:00.000Z')]);
    await waitFor('the order completed', async () => (await mongo.db(DB).collection('commission_orders').findOne({ _id: orderId as never }))?.completedAt);
    await http().post('/v1/periods/DE-2025-02/close').set('Authorization', `Bearer ${svc.token('ops')}`).expect(200);
    await http().put(`/v1/members/${seller}/payee`).set('Authorization', finance('fin-1')).send({ accountHolder: 'Erika Muster', iban: 'DE89370400440532013000' }).expect(200);

    // 1 March: completed 25 February, withdrawal until 11 March.
    const early = await http().post('/v1/payout-batches').set('Authorization', finance('fin-1')).send({ periodId: 'DE-2025-02' }).expect(201);
    expect(early.body.payments).toEqual([]);
    await http().post(`/v1/payout-batches/${early.body.batchId}/approve`).set('Authorization', finance('fin-2')).expect(200);
    await http().post(`/v1/payout-batches/${early.body.batchId}/issue`).set('Authorization', finance('fin-2')).expect(200);

    clock().set('2025-03-11T00:00:01Z');
    const later = await http().post('/v1/payout-batches').set('Authorization', finance('fin-1')).send({ periodId: 'DE-2025-02' }).expect(201);
    expect(later.body.payments.map((p: { partyId: string; amountMinor: number }) => [p.partyId, p.amountMinor])).toEqual([[`party-${seller}`, 1500]]);
  }, 60_000);
});
