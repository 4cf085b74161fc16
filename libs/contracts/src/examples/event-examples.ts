import * as events from '../events';
import { EventRegistry } from '../registry/integration-event.decorator';
import { Money } from '../values/money.value';

/*
 * One valid, realistic payload per registered event. They are the examples in
 * the AsyncAPI document, the fixtures of the contract tests, and a starting
 * point for consumers' own tests. Every example is typed with its payload
 * class, so a renamed or retyped field fails to compile here first.
 */

const eur = (amount: number): Money => ({ currency: 'EUR', amount });

const T0 = '2025-03-03T09:15:00.000Z';
const T1 = '2025-03-03T09:16:30.000Z';
const T2 = '2025-03-04T14:00:00.000Z';
const T3 = '2025-03-06T11:42:00.000Z';

/** An example payload, typed with its payload class. */
export interface EventExample<T extends object = object> {
  payload: new () => T;
  data: T;
}

function example<T extends object>(payload: new () => T, data: NoInfer<T>): EventExample<T> {
  return { payload, data };
}

const address = {
  name: 'Anna Schmidt',
  lines: ['Lindenstraße 12', '2. OG'],
  city: 'Berlin',
  postalCode: '10969',
  country: 'DE',
  phone: '+49 30 1234567',
};

const commissionLine = {
  beneficiaryId: 'mem_op_0042',
  lineId: 'cl_ord_7f3a_mem_op_0042_unilevel-override',
  orderId: 'ord_7f3a',
  sourceMemberId: 'mem_c_0917',
  planId: 'plan_de_unilevel',
  planVersion: 3,
  rule: 'unilevel-override',
  level: 1,
  bv: 3000,
  rateBps: 500,
  amount: eur(150),
  explanation: 'Level 1 override: 5.00% (500 bp) of 3000 BV = 150 minor units (EUR 1.50), plan plan_de_unilevel v3.',
};

const all: EventExample[] = [
  // procurement
  example(events.SupplierRegistered, {
    supplierId: 'sup_0007',
    name: 'Alpenkraut Naturkosmetik GmbH',
    country: 'AT',
    currency: 'EUR',
    paymentTermsDays: 30,
    orderEmail: 'orders@alpenkraut.example',
    registeredAt: T0,
  }),
  example(events.SupplierPriceListPublished, {
    supplierId: 'sup_0007',
    priceListId: 'pl_0007_2025q2',
    currency: 'EUR',
    validFrom: '2025-04-01T00:00:00.000Z',
    validUntil: null,
    items: [
      {
        skuId: 'sku_shampoo_500',
        supplierSku: 'AK-SH-500',
        leadTimeDays: 5,
        minimumOrderQuantity: 100,
        packSize: 20,
        tiers: [
          { minQuantity: 100, unitCost: eur(310) },
          { minQuantity: 1000, unitCost: eur(275) },
          { minQuantity: 5000, unitCost: eur(240) },
        ],
      },
    ],
    publishedAt: T0,
  }),
  example(events.PurchaseOrderIssued, {
    purchaseOrderId: 'po_2025_0311',
    supplierId: 'sup_0007',
    procurementRunId: 'run_2025_w10',
    priceListId: 'pl_0007_2025q2',
    currency: 'EUR',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 1200, unitCost: eur(275), lineTotal: eur(330000) }],
    total: eur(330000),
    expectedBy: '2025-03-12T00:00:00.000Z',
    issuedAt: T0,
  }),
  example(events.PurchaseOrderConfirmed, {
    purchaseOrderId: 'po_2025_0311',
    supplierId: 'sup_0007',
    supplierReference: 'AK-SO-88123',
    confirmedLines: [{ skuId: 'sku_shampoo_500', quantity: 1200 }],
    deliveryDate: '2025-03-10',
    confirmedAt: T1,
  }),
  example(events.PurchaseOrderRejected, {
    purchaseOrderId: 'po_2025_0312',
    supplierId: 'sup_0007',
    reason: 'Production line closed for maintenance until April',
    rejectedAt: T1,
  }),
  example(events.GoodsReceived, {
    purchaseOrderId: 'po_2025_0311',
    receiptId: 'rcpt_0311_1',
    supplierId: 'sup_0007',
    lines: [{ skuId: 'sku_shampoo_500', quantityReceived: 800, landedUnitCost: eur(282) }],
    complete: false,
    receivedAt: T2,
  }),
  example(events.SupplierInvoiceMatched, {
    invoiceId: 'sinv_0099',
    supplierId: 'sup_0007',
    supplierInvoiceNumber: 'RE-2025-00412',
    purchaseOrderId: 'po_2025_0311',
    receiptIds: ['rcpt_0311_1'],
    amount: eur(220000),
    dueDate: '2025-04-03',
    matchedAt: T2,
  }),
  example(events.SupplierInvoiceHeld, {
    invoiceId: 'sinv_0098',
    supplierId: 'sup_0007',
    supplierInvoiceNumber: 'RE-2025-00411',
    purchaseOrderId: 'po_2025_0311',
    amount: eur(330000),
    mismatches: [{ skuId: 'sku_shampoo_500', invoiced: eur(330000), allowed: eur(221100), reason: 'invoiced 1200 units, 800 received' }],
    heldAt: T2,
  }),
  example(events.SupplierInvoiceSettled, {
    invoiceId: 'sinv_0099',
    supplierId: 'sup_0007',
    amount: eur(220000),
    paymentReference: 'SEPA-20250402-7781',
    settledAt: T3,
  }),
  example(events.SkuCostChanged, {
    skuId: 'sku_shampoo_500',
    supplierId: 'sup_0007',
    previousUnitCost: eur(318),
    newUnitCost: eur(282),
    purchaseOrderId: 'po_2025_0311',
    receiptId: 'rcpt_0311_1',
    changedAt: T2,
  }),

  // catalog
  example(events.ProductPublished, {
    productId: 'prd_shampoo',
    name: 'Herbal Shampoo',
    description: 'Mild shampoo with alpine herbs.',
    categoryId: 'cat_haircare',
    tags: ['shampoo', 'vegan'],
    imageUrls: ['https://cdn.example.org/shampoo-500.jpg'],
    skus: [
      {
        skuId: 'sku_shampoo_500',
        name: '500 ml',
        retailPrice: eur(1290),
        memberPrice: eur(990),
        bv: 600,
        weightGrams: 540,
        dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 },
      },
    ],
    publishedAt: T0,
  }),
  example(events.ProductUpdated, {
    productId: 'prd_shampoo',
    name: 'Herbal Shampoo',
    description: 'Mild shampoo with alpine herbs. Now vegan certified.',
    categoryId: 'cat_haircare',
    tags: ['shampoo', 'vegan'],
    imageUrls: ['https://cdn.example.org/shampoo-500.jpg'],
    skus: [
      {
        skuId: 'sku_shampoo_500',
        name: '500 ml',
        weightGrams: 540,
        dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 },
        status: 'active',
      },
    ],
    updatedAt: T1,
  }),
  // The worked example: the cost basis falls from 10.00 to 8.00, retailShare 50 %, marginShare 25 %.
  example(events.ProductPriceChanged, {
    productId: 'prd_shampoo',
    prices: [{ skuId: 'sku_shampoo_500', retailPrice: eur(2000), memberPrice: eur(1350), bv: 675 }],
    reason: 'cost-change',
    pricingPolicyVersion: '3',
    effectiveFrom: T2,
    details: [
      {
        skuId: 'sku_shampoo_500',
        previousRetailPrice: eur(2100),
        previousMemberPrice: eur(1500),
        previousBv: 750,
        costBasisBefore: eur(1000),
        costBasisAfter: eur(800),
        retailShareBps: 5000,
        marginShareBps: 2500,
        shares: { retail: -100, operatorMargin: -50, platform: -50 },
        boundApplied: false,
      },
    ],
  }),
  example(events.ProductRetired, {
    productId: 'prd_shampoo',
    skuIds: ['sku_shampoo_500'],
    reason: 'Replaced by the 750 ml refill edition.',
    retiredAt: T3,
    productRetired: true,
  }),
  example(events.StockReceived, {
    skuId: 'sku_shampoo_500',
    quantity: 800,
    onHand: 1040,
    available: 1010,
    purchaseOrderId: 'po_2025_0311',
    receiptId: 'rcpt_0311_1',
    receivedAt: T2,
  }),
  example(events.StockRestocked, {
    skuId: 'sku_shampoo_500',
    quantity: 1,
    onHand: 1041,
    available: 1011,
    orderId: 'ord_7f3a',
    returnId: 'ret_0031',
    restockedAt: T3,
  }),
  example(events.ReorderPointReached, {
    skuId: 'sku_shampoo_500',
    available: 95,
    reorderPoint: 100,
    suggestedQuantity: 1000,
    reachedAt: T1,
  }),
  example(events.StockReserved, {
    orderId: 'ord_7f3a',
    reservationId: 'rsv_7f3a',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 2 }],
    expiresAt: '2025-03-03T10:15:00.000Z',
    reservedAt: T1,
  }),
  example(events.StockReservationRejected, {
    orderId: 'ord_8b21',
    reason: 'insufficient-stock',
    shortLines: [{ skuId: 'sku_shampoo_500', requested: 40, available: 12 }],
    rejectedAt: T1,
  }),
  example(events.StockReleased, {
    orderId: 'ord_7f3a',
    reservationId: 'rsv_7f3a',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 2 }],
    reason: 'payment-timeout',
    releasedAt: '2025-03-03T10:15:00.000Z',
  }),
  example(events.StockCommitted, {
    orderId: 'ord_7f3a',
    reservationId: 'rsv_7f3a',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 2 }],
    committedAt: T1,
  }),
  example(events.StockCommitFailed, {
    orderId: 'ord_8b21',
    reservationId: 'rsv_8b21',
    shortLines: [{ skuId: 'sku_shampoo_500', requested: 2, available: 0 }],
    failedAt: T2,
  }),
  example(events.StockAdjusted, {
    skuId: 'sku_shampoo_500',
    adjustmentId: 'adj_0042',
    kind: 'damage',
    quantity: -3,
    onHand: 1037,
    available: 1007,
    reason: 'Three bottles crushed by a pallet jack.',
    by: 'ops_anna',
    adjustedAt: T3,
  }),

  // orders
  example(events.OrderPlaced, {
    orderId: 'ord_7f3a',
    buyerId: 'mem_c_0917',
    buyerKind: 'consumer',
    referringOperatorId: 'mem_op_0042',
    market: 'DE',
    currency: 'EUR',
    lines: [
      {
        lineId: 'ord_7f3a_l1',
        skuId: 'sku_shampoo_500',
        productId: 'prd_shampoo',
        quantity: 2,
        unitPrice: eur(1290),
        priceKind: 'retail',
        bvPerUnit: 600,
        lineTotal: eur(2580),
      },
    ],
    totals: { subtotal: eur(2580), shipping: eur(490), taxIncluded: eur(490), total: eur(3070) },
    totalBv: 1200,
    shippingAddress: address,
    placedAt: T0,
  }),
  example(events.OrderConfirmed, {
    orderId: 'ord_7f3a',
    reservationId: 'rsv_7f3a',
    payBy: '2025-03-03T10:15:00.000Z',
    confirmedAt: T1,
  }),
  example(events.OrderRejected, {
    orderId: 'ord_8b21',
    reason: 'out-of-stock',
    detail: 'sku_shampoo_500: 40 requested, 12 available',
    rejectedAt: T1,
  }),
  example(events.OrderPaid, {
    orderId: 'ord_7f3a',
    paymentId: 'pay_3MtwBwLkdIwHu7ix',
    paymentProvider: 'stripe',
    amount: eur(3070),
    paidAt: T1,
  }),
  example(events.OrderCancelled, {
    orderId: 'ord_7f3a',
    reason: 'buyer-request',
    by: 'mem_c_0917',
    wasPaid: true,
    cancelledAt: T1,
  }),
  example(events.OrderDelivered, {
    orderId: 'ord_7f3a',
    shipmentId: 'shp_7f3a_1',
    deliveredAt: T3,
    returnWindowEndsAt: '2025-03-20T11:42:00.000Z',
  }),
  example(events.OrderCompleted, { orderId: 'ord_7f3a', completedAt: '2025-03-20T11:42:00.000Z' }),
  example(events.ReturnRequested, {
    orderId: 'ord_7f3a',
    returnId: 'ret_0031',
    lines: [{ lineId: 'ord_7f3a_l1', skuId: 'sku_shampoo_500', quantity: 1 }],
    reason: 'Allergic reaction.',
    requestedAt: '2025-03-08T08:00:00.000Z',
  }),
  example(events.OrderRefunded, {
    orderId: 'ord_7f3a',
    refundId: 'rfd_0031',
    returnId: 'ret_0031',
    amount: eur(1290),
    lines: [{ lineId: 'ord_7f3a_l1', skuId: 'sku_shampoo_500', quantity: 1, amount: eur(1290), bv: 600 }],
    refundedBv: 600,
    fullyRefunded: false,
    refundedAt: '2025-03-12T10:00:00.000Z',
  }),

  // network
  example(events.MemberRegistered, {
    memberId: 'mem_c_0917',
    kind: 'consumer',
    sponsorId: 'mem_op_0042',
    depth: 3,
    uplinePath: ['mem_op_0042', 'mem_op_0007', 'mem_root'],
    market: 'DE',
    joinedAt: T0,
    ownerPartyId: 'party_0917',
  }),
  example(events.MemberUpgraded, {
    memberId: 'mem_c_0917',
    termsVersion: 'operator-terms-de-2025-01',
    referralCode: 'ANNA-S-7Q2',
    upgradedAt: T2,
  }),
  example(events.MemberStatusChanged, {
    memberId: 'mem_op_0042',
    from: 'active',
    to: 'suspended',
    reason: 'Misleading income claims in social media posts (case 2025-118).',
    by: 'ops_jkoch',
    changedAt: T2,
  }),
  example(events.MemberSponsorChanged, {
    memberId: 'mem_op_0042',
    oldSponsorId: 'mem_op_0007',
    newSponsorId: 'mem_op_0011',
    depth: 2,
    uplinePath: ['mem_op_0011', 'mem_root'],
    reason: 'Registered under the wrong referral code (ticket 4471).',
    by: 'ops_jkoch',
    changedAt: T2,
  }),
  example(events.MemberMoved, {
    memberId: 'mem_c_0917',
    oldSponsorId: 'mem_op_0042',
    newSponsorId: 'mem_op_0042',
    depth: 3,
    uplinePath: ['mem_op_0042', 'mem_op_0011', 'mem_root'],
    oldUplinePath: ['mem_op_0042', 'mem_op_0007', 'mem_root'],
    oldDepth: 3,
    cause: 'upline-sponsor-changed',
    causedBy: 'mem_op_0042',
    movedAt: T2,
  }),
  example(events.MemberPositionTransferred, {
    memberId: 'mem_op_0007',
    transferId: 'trf_0003',
    previousOwner: { partyId: 'party_0007', name: 'Karl Weber' },
    newOwner: { partyId: 'party_0311', name: 'Lena Weber' },
    reason: 'inheritance',
    approvedBy: 'ops_mbauer',
    transferredAt: T3,
  }),

  // commission
  example(events.CompensationPlanActivated, {
    planId: 'plan_de_unilevel',
    planVersion: 3,
    name: 'Unilevel DE 2025',
    market: 'DE',
    complianceProfileId: 'eu',
    payoutCapBps: 2500,
    maxDepth: 5,
    effectiveFrom: '2025-04-01T00:00:00.000Z',
    firstPeriodId: 'DE-2025-04',
    overrideRatesBps: [1000, 500, 300, 200, 200],
    activatedBy: 'ops_mbauer',
    activatedAt: T0,
  }),
  example(events.CommissionAccrued, { ...commissionLine, accruedAt: T1 }),
  example(events.CommissionReleased, { ...commissionLine, releasedAt: '2025-03-20T11:42:05.000Z' }),
  example(events.CommissionClawedBack, {
    ...commissionLine,
    lineId: 'cl_ord_7f3a_mem_op_0042_unilevel-override_rfd_0031',
    bv: 600,
    amount: eur(-30),
    explanation: 'Refund rfd_0031: level 1 override 5.00% (500 bp) of 600 BV reversed = -30 minor units (EUR -0.30).',
    reversesLineId: 'cl_ord_7f3a_mem_op_0042_unilevel-override',
    refundId: 'rfd_0031',
    returnId: 'ret_0031',
    alreadyPaid: false,
    clawedBackAt: '2025-03-12T10:00:02.000Z',
  }),
  example(events.RankAchieved, {
    memberId: 'mem_op_0042',
    periodId: 'per_de_2025_03',
    rank: 'silver',
    previousRank: 'bronze',
    planId: 'plan_de_unilevel',
    planVersion: 3,
    personalVolume: 12000,
    groupVolume: 480000,
    achievedAt: '2025-04-02T06:00:00.000Z',
  }),
  example(events.CommissionPeriodClosed, {
    periodId: 'per_de_2025_03',
    market: 'DE',
    startsAt: '2025-03-01T00:00:00.000Z',
    endsAt: '2025-04-01T00:00:00.000Z',
    totalBv: 9_400_000,
    totalPayout: eur(2_915_500),
    payoutRatioBps: 3101,
    statementCount: 1842,
    closedBy: 'ops_mbauer',
    closedAt: '2025-04-02T06:00:00.000Z',
  }),
  example(events.PayoutBatchIssued, {
    periodId: 'per_de_2025_03',
    batchId: 'pb_de_2025_03',
    paymentCount: 1790,
    total: eur(2_915_500),
    carriedForward: eur(4_120),
    issuedAt: '2025-04-03T08:00:00.000Z',
  }),

  // logistics
  example(events.ShipmentRequested, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    direction: 'outbound',
    returnId: null,
    providerId: 'dhl-de',
    serviceLevel: 'standard',
    destination: address,
    parcels: [{ parcelId: 'prc_7f3a_1', weightGrams: 1150, lines: [{ skuId: 'sku_shampoo_500', quantity: 2 }] }],
    deliverBy: '2025-03-07T18:00:00.000Z',
    requestedAt: T1,
  }),
  example(events.ShipmentAccepted, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    providerId: 'dhl-de',
    providerReference: '00340434161094042557',
    estimatedDeliveryAt: '2025-03-06T18:00:00.000Z',
    acceptedAt: '2025-03-03T09:20:00.000Z',
  }),
  example(events.ShipmentDispatched, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    providerId: 'dhl-de',
    providerReference: '00340434161094042557',
    trackingUrl: 'https://tracking.example/00340434161094042557',
    dispatchedAt: T2,
  }),
  example(events.ShipmentDelivered, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    providerId: 'dhl-de',
    receivedBy: 'A. Schmidt',
    proofReference: 'pod_sig_55120',
    deliveredAt: T3,
  }),
  example(events.ShipmentReturnedToSender, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    direction: 'outbound',
    providerId: 'dhl-de',
    providerReference: '00340434161094042557',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 2 }],
    returnedAt: '2025-03-12T10:00:00.000Z',
  }),
  example(events.ShipmentFailed, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    providerId: 'dhl-de',
    reason: 'recipient-absent',
    detail: 'Third delivery attempt failed; parcel held at depot Berlin-Kreuzberg.',
    failedAt: T3,
  }),
  example(events.ShipmentRerouted, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    fromProviderId: 'dhl-de',
    toProviderId: 'hermes-de',
    reason: 'sla-breached',
    reroutedAt: '2025-03-05T09:00:00.000Z',
  }),
  example(events.ShipmentCancelled, {
    shipmentId: 'shp_7f3a_1',
    orderId: 'ord_7f3a',
    direction: 'outbound',
    providerId: 'dhl-de',
    reason: 'rerouted',
    cancelledAt: '2025-03-05T09:00:00.000Z',
  }),
  example(events.ReturnShipmentReceived, {
    shipmentId: 'shp_ret_0031',
    orderId: 'ord_7f3a',
    returnId: 'ret_0031',
    providerId: 'dhl-de',
    lines: [{ skuId: 'sku_shampoo_500', quantity: 1, resellable: true }],
    receivedAt: '2025-03-11T15:30:00.000Z',
  }),
  example(events.ShipmentStatusReported, {
    shipmentId: 'shp_7f3a_1',
    providerId: 'dhl-de',
    status: 'in-transit',
    occurredAt: '2025-03-05T06:12:00.000+01:00',
    providerReference: '00340434161094042557',
    detail: 'Arrived at sorting centre.',
    location: 'Berlin-Schönefeld',
  }),
];

/**
 * Example payload per event type (every registered event has one; a contract
 * test enforces it). Keyed by `type`; all current events are version 1.
 */
export const EventExamples: Readonly<Record<string, EventExample>> = Object.freeze(
  Object.fromEntries(all.map((e) => [EventRegistry.forClass(e.payload).type, e])),
);

/** A deep copy of the example payload of `type`, safe to mutate in a test. */
export function exampleOf(type: string): Record<string, unknown> {
  const e = EventExamples[type];
  if (!e) throw new Error(`No example for event type ${type}`);
  return JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
}
