import { Topics } from '@netdirect/contracts';
import { uniqueId, waitFor } from '@netdirect/runtime/testing';
import { OrdersHarness } from './support/orders-harness';
import { memberRegistered, productPublished, shipmentDelivered, shipmentDispatched, stockReserved, TestSku } from './support/orders-events';

/*
 * An order's whole life on the test clock, against the real Kafka and
 * database: placed, confirmed by the catalog, paid by a signed webhook,
 * shipped and delivered by logistics, completed by the durable timer at the
 * end of the market's return window. The test acts as catalog, network and
 * logistics; out-of-order and repeated events are mixed in.
 */

const h = new OrdersHarness({
  MONGO_DB: `test_orders_life_${uniqueId()}`,
  KAFKA_GROUP_ID: `test-orders-life-${uniqueId()}`,
  CLOCK: 'test',
  CLOCK_START: '2030-01-01T00:00:00Z',
  TIMERS_POLL_MS: '50',
  ORDERS_PAYMENT_WINDOW: '1h',
});
const ADDRESS = { name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };

describe('an order from placement to completion', () => {
  const tea: TestSku = { skuId: uniqueId('sku-tea-'), name: '500 g', retail: 1299, member: 999, bv: 800 };
  const consumer = uniqueId('cons-');
  const operator = uniqueId('op-');

  beforeAll(
    () =>
      h.start({
        catalog: [productPublished(uniqueId('prod-'), 'Green tea', [tea])],
        network: [memberRegistered(operator, 'operator', [], uniqueId('C-')), memberRegistered(consumer, 'consumer', [operator])],
        ready: async (db) => (await db.collection('catalog_skus').findOne({ _id: tea.skuId as never })) && db.collection('network_members').findOne({ _id: consumer as never }),
      }),
    60_000,
  );
  afterAll(() => h.stop());

  const { kafka } = h;
  const order = (id: string) => h.order(id);
  const statusIs = (id: string, status: string) => h.statusIs(id, status);
  const types = (orderId: string) => h.eventsFor(orderId).map((e) => e.type);

  it('placed → confirmed → paid → shipped → delivered → completed when the return window ends', async () => {
    const { body } = await h
      .http()
      .post('/v1/orders')
      .set('Authorization', h.bearer('member', consumer))
      .send({ market: 'DE', lines: [{ skuId: tea.skuId, quantity: 2 }], shippingAddress: ADDRESS })
      .expect(201);
    const id: string = body.orderId;
    const shipment = uniqueId('shp-');
    // Answered at once, before catalog replicas of other test files answer our OrderPlaced.
    await kafka.produce(Topics.catalogReservations.name, [stockReserved(id, '2030-01-01T00:30:00.000Z', [{ skuId: tea.skuId, quantity: 2 }])]);
    // Early: logistics reports before the order is paid; it must not move the order.
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment)]);
    await statusIs(id, 'confirmed');

    const payments = await h.provider();
    await payments.deliver({ type: 'payment.succeeded', orderId: id, paymentId: uniqueId('pm_'), amount: { amount: 3093, currency: 'EUR' } }).expect(200);
    await statusIs(id, 'paid');

    await kafka.produce(Topics.logisticsShipments.name, [shipmentDispatched(id, shipment), shipmentDispatched(id, shipment)]);
    await statusIs(id, 'shipped');
    h.clock().advance('2d');
    // A return parcel's delivery (another shipment, or one marked as a return) does not deliver the order.
    await kafka.produce(Topics.logisticsShipments.name, [
      shipmentDelivered(id, uniqueId('shp-other-')),
      shipmentDelivered(id, shipment, 'return'),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await order(id))!.status).toBe('shipped');
    await kafka.produce(Topics.logisticsShipments.name, [shipmentDelivered(id, shipment)]);
    const delivered = await statusIs(id, 'delivered');
    // DE's return window (defaults): 30 days from delivery.
    expect(delivered!.returnWindowEndsAt!.getTime() - delivered!.deliveredAt!.getTime()).toBe(30 * 24 * 3600_000);
    await waitFor('the completion timer', () => h.db.collection('timers').findOne({ _id: `return-window-end:${id}` as never }));

    h.clock().advance('29d');
    await new Promise((r) => setTimeout(r, 400));
    expect((await order(id))!.status).toBe('delivered');
    h.clock().advance('1d');
    const done = await statusIs(id, 'completed');
    expect(done!.history.map((h) => [h.to, h.cause])).toEqual([
      ['placed', 'placed'],
      ['confirmed', 'StockReserved'],
      ['paid', 'payment'],
      ['shipped', 'ShipmentDispatched'],
      ['delivered', 'ShipmentDelivered'],
      ['completed', 'return-window-ended'],
    ]);
    await waitFor('OrderCompleted', () => types(id).includes('OrderCompleted'));
    expect(types(id)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderPaid', 'OrderDelivered', 'OrderCompleted']);
  });
});
