import { Schema } from 'mongoose';
import { outboxPlugin } from '@netdirect/runtime';

/**
 * How a shipment is stored: one document per shipment with its pending
 * events (the outbox). Writes go through {@link ShipmentRepository}.
 */
export const SHIPMENT_MODEL = 'Shipment';
export const ShipmentSchema = new Schema({ _id: String, seq: Number }, { collection: 'shipments', versionKey: false, strict: false }).plugin(outboxPlugin);
