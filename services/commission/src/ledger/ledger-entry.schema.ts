import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { CommissionEntryKind } from '@netdirect/contracts';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { CommissionRule, SkippedMember } from '../compute/model';

/**
 * One entry of the commission ledger (`commission_entries`). A commission
 * line (`lineId` = commissionLineId(order, order line, beneficiary, rule)) is
 * the sum of its entries: the estimate accrued on payment (`_id` = lineId, so
 * a replayed OrderPaid inserts nothing), the adjustments period closes wrote,
 * and clawbacks after refunds. Entries are never changed except to be put in
 * a payout batch and released.
 */
export interface LedgerEntryState {
  _id: string;
  lineId: string;
  kind: CommissionEntryKind;
  orderId: string;
  orderLineId: string;
  /** The period of the order (the line's period). */
  linePeriodId: string;
  /** The period the entry is booked in: the line's, or the open one for a refund after its close. */
  periodId: string;
  market: string;
  currency: string;
  beneficiaryId: string;
  /** The party owning the beneficiary's position when the order was paid: who is paid. */
  payeePartyId: string;
  /** The buyer. */
  sourceMemberId: string;
  /** The plan rule, or `payment-returned` for a re-credit, `held-balance-forfeited` for an ops forfeit. */
  rule: CommissionRule | 'payment-returned' | 'held-balance-forfeited';
  level: number;
  bv: number;
  baseMinor: number;
  rateBps: number;
  uncappedMinor: number;
  amountMinor: number;
  breakageMinor: number;
  breakageReason: string | null;
  skipped: SkippedMember[];
  planId: string;
  planVersion: number;
  explanation: string;
  createdAt: Date;
  /** For a clawback. */
  refundId?: string;
  /** For an adjustment: the close run that wrote it. */
  closeRun?: number;
  /** For a payment-returned credit. */
  returnedFromBatchId?: string;
  /** The payout batch that holds it (draft, approved or issued); null while open. */
  batchId: string | null;
  releasedAt?: Date;
}

@Schema({ collection: 'commission_entries', versionKey: false, strict: false })
export class LedgerEntryRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) lineId: string;
  @Prop({ type: String, required: true }) orderId: string;
  @Prop({ type: String, required: true }) periodId: string;
  @Prop({ type: String, required: true }) beneficiaryId: string;
  @Prop({ type: String, required: true }) payeePartyId: string;
  @Prop({ type: [MongooseSchema.Types.Mixed] }) skipped: SkippedMember[];
  @Prop({ type: String, default: null }) batchId: string | null;
}

export type LedgerEntryDocument = LedgerEntryState & OutboxFields;
export const LEDGER_ENTRY_MODEL = 'LedgerEntry';
export const LedgerEntrySchema = SchemaFactory.createForClass(LedgerEntryRecord).plugin(outboxPlugin);
LedgerEntrySchema.index({ orderId: 1 });
LedgerEntrySchema.index({ lineId: 1 });
LedgerEntrySchema.index({ periodId: 1 });
LedgerEntrySchema.index({ linePeriodId: 1 });
LedgerEntrySchema.index({ beneficiaryId: 1 });
LedgerEntrySchema.index({ batchId: 1 });
