import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { DemandEntry, DemandState } from './demand';

/** A SKU's open demand (see demand.ts): one document per SKU. */
@Schema({ collection: 'demand', versionKey: false, minimize: false })
export class DemandRecord implements DemandState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) entries: Record<string, DemandEntry>;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) seen: Record<string, 1>;
}

export const DEMAND_MODEL = 'Demand';
export const DemandSchema = SchemaFactory.createForClass(DemandRecord);
