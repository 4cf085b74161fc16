import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Transfer, TransferChange, TransferState } from './transfer';
import { TRANSFER_MODEL } from './transfer.schema';

/** Where transfer requests are kept. */
@Injectable()
export class TransferRepository {
  constructor(@InjectModel(TRANSFER_MODEL) private readonly transfers: Model<TransferState>) {}

  async get(id: string): Promise<Transfer> {
    const state = await this.transfers.findById(id).lean<TransferState>().exec();
    if (!state) throw DomainError.notFound(`No transfer ${id}`);
    return Transfer.from(state);
  }

  /** Insert a new request; 409 when the position already has an open one (the unique `openFor`). */
  async insert(transfer: Transfer): Promise<void> {
    try {
      await this.transfers.create(transfer.state);
    } catch (e) {
      if (isDuplicateKeyError(e))
        throw DomainError.conflict(`Position ${transfer.state.memberId} already has an open transfer request`);
      throw e;
    }
  }

  /** Apply a decision by compare-and-set; false when the request was decided meanwhile. */
  async apply(change: TransferChange): Promise<boolean> {
    const res = await this.transfers
      .updateOne(
        { _id: change.transferId, ...change.guard },
        { $set: change.set, $unset: Object.fromEntries(change.unset.map((f) => [f, ''])) },
      )
      .exec();
    return res.matchedCount === 1;
  }

  /** A position's latest requests, newest first. */
  async listFor(memberId: string, limit: number): Promise<TransferState[]> {
    return this.transfers.find({ memberId }).sort({ requestedAt: -1 }).limit(limit).lean<TransferState[]>().exec();
  }
}
