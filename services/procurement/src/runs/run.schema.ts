import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export const RUN_STATUSES = ['planning', 'issuing', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['ops', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** One order a run issues, as the run lists it. */
export interface RunOrder {
  purchaseOrderId: string;
  supplierId: string;
  priceListId: string;
  lineCount: number;
  total: number;
}

export interface RunSummary {
  skus: number;
  bought: number;
  covered: number;
  noOffer: number;
  notInCatalog: number;
  late: number;
  total: number;
}

/** A procurement run (`procurement_runs`). Its decisions are in `run_chunks`, its orders' lines in the orders. */
export interface RunState {
  _id: string;
  trigger: RunTrigger;
  by: string;
  status: RunStatus;
  currency: string;
  startedAt: Date;
  completedAt: Date | null;
  summary: RunSummary | null;
  orders: RunOrder[];
  chunkCount: number;
  seq: number;
}

@Schema({ collection: 'procurement_runs', versionKey: false, minimize: false })
export class RunRecord implements RunState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) trigger: RunTrigger;
  @Prop({ type: String, required: true }) by: string;
  @Prop({ type: String, required: true }) status: RunStatus;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Date, required: true }) startedAt: Date;
  @Prop({ type: Date, default: null }) completedAt: Date | null;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) summary: RunSummary | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) orders: RunOrder[];
  @Prop({ type: Number, default: 0 }) chunkCount: number;
  @Prop({ type: Number, default: 0 }) seq: number;
}
export const RUN_MODEL = 'ProcurementRun';
export const RunSchema = SchemaFactory.createForClass(RunRecord);

/**
 * Decisions of a run in chunks (`_id` = `<runId>:<n>`), not a document per
 * SKU or per alternative. A chunk's decisions are one JSON string of packed
 * decisions (see stored-decision.ts): they are written once, read a page at
 * a time and never queried inside, and the store's cost grows with the
 * fields it encodes (250 decisions with their rejected alternatives would be
 * thousands), not with bytes.
 */
@Schema({ collection: 'run_chunks', versionKey: false })
export class RunChunkRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) runId: string;
  @Prop({ type: Number, required: true }) n: number;
  @Prop({ type: String, required: true }) decisions: string;
}
export const RUN_CHUNK_MODEL = 'RunChunk';
export const RunChunkSchema = SchemaFactory.createForClass(RunChunkRecord);

/**
 * The one run in progress (`_id` = 'active'): inserted by the run that
 * starts, so a second start collides, with a lease that a replica renews
 * while it works and that another replica takes over by compare-and-set when
 * it lapses (the owner crashed).
 */
@Schema({ collection: 'run_lease', versionKey: false })
export class RunLeaseRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) runId: string;
  @Prop({ type: Date, required: true }) leaseUntil: Date;
}
export const RUN_LEASE_MODEL = 'RunLease';
export const RunLeaseSchema = SchemaFactory.createForClass(RunLeaseRecord);
