import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SealedSecret } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';

/** What a payee's sealed details hold (never in an event, never stored in clear). */
export interface PayeeDetails {
  accountHolder: string;
  iban: string;
  bic: string | null;
  taxId: string | null;
}

/**
 * A payee (`payees`, `_id` = partyId): the owner of one or more positions,
 * paid by payout batches. Its bank and tax details are sealed with
 * AES-256-GCM under COMMISSION_PAYEE_KEY, bound to the party id.
 */
export interface PayeeState {
  _id: string;
  sealed: SealedSecret;
  /** Last four characters of the account, to show without opening the details. */
  accountHint: string;
  updatedBy: string;
  updatedAt: Date;
}

@Schema({ collection: 'payees', versionKey: false })
export class PayeeRecord implements PayeeState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) sealed: SealedSecret;
  @Prop({ type: String, required: true }) accountHint: string;
  @Prop({ type: String, required: true }) updatedBy: string;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const PAYEE_MODEL = 'Payee';
export const PayeeSchema = SchemaFactory.createForClass(PayeeRecord);
