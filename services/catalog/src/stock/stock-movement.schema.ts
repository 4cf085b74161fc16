import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The ledger of keyed stock movements (`stock_movements`, `_id` =
 * `<skuId>|<key>`): a receipt, a return, an ops adjustment or a cancelled
 * commitment, once per SKU. It is the long memory of "already applied", so the
 * stock document only keeps the keys of movements still being settled
 * (`StockState.applied`) instead of every key it ever saw.
 */
@Schema({ collection: 'stock_movements', versionKey: false })
export class StockMovementRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) skuId: string;
  @Prop({ type: String, required: true }) key: string;
  /** Signed change of on-hand units. */
  @Prop({ type: Number, required: true }) quantity: number;
  @Prop({ type: Date, required: true }) at: Date;
}

export const STOCK_MOVEMENT_MODEL = 'StockMovement';
export const StockMovementSchema = SchemaFactory.createForClass(StockMovementRecord);
