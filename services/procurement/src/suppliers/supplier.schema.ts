import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import type { SupplierState, SupplierStatus } from './supplier';

/** How a supplier is stored: one document per supplier, `_id` = supplier id. */
@Schema({ collection: 'suppliers', versionKey: false })
export class SupplierRecord implements SupplierState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: String, required: true }) country: string;
  @Prop({ type: String, required: true }) orderEmail: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Number, required: true }) paymentTermsDays: number;
  @Prop({ type: String, required: true }) status: SupplierStatus;
  @Prop({ type: Date, required: true }) registeredAt: Date;
  @Prop({ type: Number, default: 0 }) seq: number;
}

export const SUPPLIER_MODEL = 'Supplier';
export const SupplierSchema = SchemaFactory.createForClass(SupplierRecord).plugin(outboxPlugin);
