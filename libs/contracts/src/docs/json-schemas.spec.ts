import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import '../events';
import { ContractViolation, createEnvelope, decodeEnvelope } from '../envelope/envelope-codec';
import { EventExamples, exampleOf } from '../examples/event-examples';
import { EventDescriptor, EventRegistry } from '../registry/integration-event.decorator';
import { buildJsonSchemas, payloadSchemaOf, schemaKey } from './json-schemas';

const schemas = buildJsonSchemas();
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
const validatorFor = (d: EventDescriptor): ValidateFunction => {
  const key = schemaKey(d);
  if (!validators.has(key)) validators.set(key, ajv.compile(schemas[key]));
  return validators.get(key) as ValidateFunction;
};

const ctx = { producer: 'orders', correlationId: 'corr-1', causationId: 'cause-1', id: 'evt-1' } as const;

/** Encode a payload as a message value the way a producer would (bypassing producer-side validation). */
function rawMessage(d: EventDescriptor, data: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'evt-1',
    type: d.type,
    version: d.version,
    occurredAt: '2025-03-03T09:16:30.000Z',
    producer: d.topic.owner,
    key: String(data[d.topic.key] ?? 'k'),
    correlationId: 'corr-1',
    causationId: 'cause-1',
    data,
  };
}

/** The first required scalar field of a payload and a value of the wrong type for it. */
function requiredField(d: EventDescriptor): { field: string; wrong: unknown } {
  const data = payloadSchemaOf(schemas, d) as { required: string[]; properties: Record<string, { type?: string }> };
  const field = data.required.find((f) => f !== d.topic.key) as string;
  const type = data.properties[field].type;
  return { field, wrong: type === 'string' ? 12345 : 'not-a-valid-value' };
}

const descriptors = EventRegistry.all();

describe('event contracts', () => {
  it('registers the full event catalogue', () => {
    const expected = {
      procurement: 'SupplierRegistered SupplierPriceListPublished PurchaseOrderIssued PurchaseOrderConfirmed PurchaseOrderRejected GoodsReceived SupplierInvoiceMatched SupplierInvoiceHeld SupplierInvoiceSettled SkuCostChanged',
      catalog: 'ProductPublished ProductUpdated ProductPriceChanged ProductRetired StockReceived StockRestocked ReorderPointReached StockReserved StockReservationRejected StockReleased StockCommitted StockCommitFailed StockAdjusted',
      orders: 'OrderPlaced OrderConfirmed OrderRejected OrderPaid OrderCancelled OrderDelivered OrderCompleted ReturnRequested OrderRefunded',
      network: 'MemberRegistered MemberUpgraded MemberStatusChanged MemberSponsorChanged MemberMoved MemberPositionTransferred',
      commission: 'CompensationPlanActivated CommissionAccrued CommissionReleased CommissionClawedBack RankAchieved CommissionPeriodClosed PayoutBatchIssued',
      logistics: 'ShipmentRequested ShipmentAccepted ShipmentDispatched ShipmentDelivered ShipmentFailed ShipmentRerouted ReturnShipmentReceived ShipmentStatusReported ShipmentReturnedToSender ShipmentCancelled',
    };
    for (const [owner, types] of Object.entries(expected)) {
      const registered = descriptors.filter((d) => d.topic.owner === owner).map((d) => d.type);
      expect(registered.sort()).toEqual(types.split(' ').sort());
    }
    expect(descriptors.every((d) => d.version === 1)).toBe(true);
  });

  describe.each(descriptors.map((d) => [`${d.type} v${d.version}`, d] as const))('%s', (_name, d) => {
    it('has a JSON Schema and an example', () => {
      expect(schemas[schemaKey(d)]).toBeDefined();
      expect(EventExamples[d.type]).toBeDefined();
      expect(EventExamples[d.type].payload).toBe(d.payload);
    });

    it("has its topic's key as a required non-empty string field", () => {
      const data = payloadSchemaOf(schemas, d) as { required: string[]; properties: Record<string, { type?: string }> };
      expect(data.required).toContain(d.topic.key);
      expect(data.properties[d.topic.key].type).toBe('string');
      const value = exampleOf(d.type)[d.topic.key];
      expect(typeof value === 'string' && value.length > 0).toBe(true);
    });

    it('example validates against the JSON Schema and round-trips through createEnvelope/decodeEnvelope', () => {
      const data = exampleOf(d.type);
      const { envelope } = createEnvelope(d.payload, data as never, ctx);
      const validate = validatorFor(d);
      expect({ ok: validate(envelope), errors: validate.errors }).toEqual({ ok: true, errors: null });
      const decoded = decodeEnvelope(Buffer.from(JSON.stringify(envelope)), d.topic.name);
      expect(decoded.descriptor).toBe(d);
      expect(decoded.payload).toBeInstanceOf(d.payload);
      expect(JSON.parse(JSON.stringify(decoded.payload))).toEqual(data);
    });

    it('rejects the example without a required field, in both validators', () => {
      const { field } = requiredField(d);
      const data = exampleOf(d.type);
      delete data[field];
      expect(validatorFor(d)(rawMessage(d, data))).toBe(false);
      expect(() => decodeEnvelope(JSON.stringify(rawMessage(d, data)))).toThrow(field);
      expect(() => createEnvelope(d.payload, data as never, ctx)).toThrow(ContractViolation);
    });

    it('rejects the example with a field of the wrong type, in both validators', () => {
      const { field, wrong } = requiredField(d);
      const data = { ...exampleOf(d.type), [field]: wrong };
      expect(validatorFor(d)(rawMessage(d, data))).toBe(false);
      expect(() => decodeEnvelope(JSON.stringify(rawMessage(d, data)))).toThrow(field);
    });
  });

  it('rejects a nested field of the wrong type in both validators (money amount as a float)', () => {
    const d = EventRegistry.find('OrderPaid', 1) as EventDescriptor;
    const data = exampleOf('OrderPaid');
    data.amount = { amount: 30.7, currency: 'EUR' };
    expect(validatorFor(d)(rawMessage(d, data))).toBe(false);
    expect(() => decodeEnvelope(JSON.stringify(rawMessage(d, data)))).toThrow('amount.amount');
  });

  it('accepts null for optional fields in both validators', () => {
    const d = EventRegistry.find('OrderPlaced', 1) as EventDescriptor;
    const data = { ...exampleOf('OrderPlaced'), referringOperatorId: null };
    expect(validatorFor(d)(rawMessage(d, data))).toBe(true);
    expect(() => decodeEnvelope(JSON.stringify(rawMessage(d, data)))).not.toThrow();
  });
});
