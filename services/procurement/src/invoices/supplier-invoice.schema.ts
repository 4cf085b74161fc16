import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { CreditNote, InvoiceStatus, SupplierInvoiceState } from './supplier-invoice';
import type { InvoiceLine, Mismatch } from './three-way-match';

@Schema({ collection: 'supplier_invoices', versionKey: false, minimize: false })
export class SupplierInvoiceRecord implements SupplierInvoiceState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) supplierId: string;
  @Prop({ type: String, required: true }) supplierInvoiceNumber: string;
  @Prop({ type: String, required: true }) purchaseOrderId: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Date, required: true }) invoiceDate: Date;
  @Prop({ type: Number, required: true }) paymentTermsDays: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) lines: InvoiceLine[];
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) credits: CreditNote[];
  @Prop({ type: String, required: true }) status: InvoiceStatus;
  @Prop({ type: Number, required: true }) amount: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) mismatches: Mismatch[];
  @Prop({ type: Date, default: null }) dueDate: Date | null;
  @Prop({ type: Date, default: null }) matchedAt: Date | null;
  @Prop({ type: String, default: null }) paymentReference: string | null;
  @Prop({ type: Date, default: null }) settledAt: Date | null;
  /** Sparse unique: see SupplierInvoiceState.payable. */
  @Prop({ type: String }) payable?: string;
  @Prop({ type: Number, default: 0 }) seq: number;
}

export const SUPPLIER_INVOICE_MODEL = 'SupplierInvoice';
export const SupplierInvoiceSchema = SchemaFactory.createForClass(SupplierInvoiceRecord).plugin(outboxPlugin);
SupplierInvoiceSchema.index({ payable: 1 }, { unique: true, sparse: true });
