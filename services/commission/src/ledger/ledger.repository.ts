import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CommissionAccrued, CommissionClawedBack, CommissionLineFields, CommissionReleased } from '@netdirect/contracts';
import { derivedId, EventRecorder, isDuplicateKeyError, newWithEvents, outboxSignals, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { LEDGER_ENTRY_MODEL, LedgerEntryDocument, LedgerEntryState } from './ledger-entry.schema';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/** What a period close reads of an entry of its period ({@link LedgerRepository.ofLinePeriod}). */
export type ClosingEntry = Pick<LedgerEntryState, 'lineId' | 'kind' | 'orderId' | 'orderLineId' | 'periodId' | 'beneficiaryId' | 'rule' | 'level' | 'bv' | 'baseMinor' | 'rateBps' | 'amountMinor'>;
const CLOSING_FIELDS = { _id: 0, lineId: 1, kind: 1, orderId: 1, orderLineId: 1, periodId: 1, beneficiaryId: 1, rule: 1, level: 1, bv: 1, baseMinor: 1, rateBps: 1, amountMinor: 1 } as const;

/** The fields every ledger event carries about its entry. */
export function lineFields(e: LedgerEntryState): CommissionLineFields {
  return {
    beneficiaryId: e.beneficiaryId,
    lineId: e.lineId,
    orderId: e.orderId,
    orderLineId: e.orderLineId,
    periodId: e.periodId,
    entryId: e._id,
    entryKind: e.kind,
    sourceMemberId: e.sourceMemberId,
    planId: e.planId,
    planVersion: e.planVersion,
    rule: e.rule,
    level: e.level,
    skippedMembers: e.skipped.map((s) => ({ memberId: s.memberId, reason: s.reason.slice(0, 500) })),
    ...(e.breakageMinor ? { breakage: { amount: e.breakageMinor, currency: e.currency }, breakageReason: e.breakageReason?.slice(0, 500) ?? null } : {}),
    bv: Math.abs(e.bv),
    rateBps: e.rateBps,
    amount: { amount: e.amountMinor, currency: e.currency },
    explanation: e.explanation.slice(0, 1000),
  };
}

/**
 * The commission ledger: entries are inserted with their event in the same
 * write (the outbox relay publishes it), by ids derived from what caused them,
 * so a redelivered cause inserts nothing. Reads of many entries go by one
 * index (order, period, beneficiary, batch) and stream.
 */
@Injectable()
export class LedgerRepository {
  constructor(
    @InjectModel(LEDGER_ENTRY_MODEL) readonly model: Model<LedgerEntryDocument>,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * The event an entry is announced with, its id derived from the entry's,
   * so announcing the same entry again gives the same event.
   */
  eventOf(e: LedgerEntryState, at: Date, alreadyPaid = false): PendingEvent {
    const fields = lineFields(e);
    const id = derivedId('commission-entry-event', e._id);
    if (e.kind === 'clawback')
      return this.recorder.record(
        CommissionClawedBack,
        { ...fields, reversesLineId: e.lineId, refundId: e.refundId!, alreadyPaid, clawedBackAt: at.toISOString() },
        { id, occurredAt: at },
      );
    return this.recorder.record(CommissionAccrued, { ...fields, accruedAt: at.toISOString() }, { id, occurredAt: at });
  }

  /**
   * Insert entries, each with its event in the same write (the outbox relay
   * publishes it); an entry whose id exists already is skipped (a
   * redelivery). Answers the ids actually inserted.
   */
  async insert(entries: LedgerEntryState[], at: Date, alreadyPaid: (e: LedgerEntryState) => boolean = () => false): Promise<string[]> {
    const inserted = await this.insertMany(entries.map((e) => newWithEvents(e, [this.eventOf(e, at, alreadyPaid(e))])));
    for (const id of inserted) outboxSignals.emit('recorded', this.model.collection.name, id);
    return inserted;
  }

  /**
   * Insert the entries of one cause with all their events on the first of
   * them: one outbox document for the lot (one relay claim and one clear,
   * not one per entry) and no separate write to announce them. The events
   * are recorded exactly when that entry is inserted, so a redelivered cause
   * records none again. Skips ids that exist; answers the ids inserted.
   */
  async insertWithEventsOnFirst(entries: LedgerEntryState[], events: PendingEvent[]): Promise<string[]> {
    if (!entries.length) return [];
    const [carrier, ...rest] = entries;
    const inserted = await this.insertMany([newWithEvents(carrier, events), ...rest]);
    if (events.length && inserted.includes(carrier._id)) outboxSignals.emit('recorded', this.model.collection.name, carrier._id);
    return inserted;
  }

  /**
   * Insert entries whose events the caller records on one document of its
   * own (a refund's clawbacks, on the order). Skips ids that exist; answers
   * the ids inserted.
   */
  insertQuietly(entries: LedgerEntryState[]): Promise<string[]> {
    return this.insertMany(entries);
  }

  private async insertMany(docs: LedgerEntryState[]): Promise<string[]> {
    if (!docs.length) return [];
    let failed = new Set<string>();
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: false });
    } catch (e) {
      const errors = (e as { writeErrors?: { code?: number; err?: { code?: number }; index: number }[] }).writeErrors;
      if (!errors && !isDuplicateKeyError(e)) throw e;
      const list = errors ?? [];
      if (list.some((w) => (w.code ?? w.err?.code) !== 11000)) throw e;
      failed = new Set(list.map((w) => docs[w.index]._id));
      if (!errors) failed = new Set(await this.existing(docs.map((d) => d._id)));
    }
    return docs.map((d) => d._id).filter((id) => !failed.has(id));
  }

  private async existing(ids: string[]): Promise<string[]> {
    const found = await this.model.collection.find({ _id: { $in: ids as never[] } }, { projection: { _id: 1 } }).toArray();
    return found.map((d) => String(d._id));
  }

  find(id: string): Promise<LedgerEntryState | null> {
    return this.model.collection.findOne<LedgerEntryState>({ _id: id as never }, { projection: NO_OUTBOX });
  }

  byLine(lineId: string): Promise<LedgerEntryState[]> {
    return this.model.collection.find<LedgerEntryState>({ lineId }, { projection: NO_OUTBOX }).toArray();
  }

  byOrder(orderId: string): Promise<LedgerEntryState[]> {
    return this.model.collection.find<LedgerEntryState>({ orderId }, { projection: NO_OUTBOX }).toArray();
  }

  /**
   * Entries of the lines of a period (whatever period each is booked in),
   * streamed once, with only the fields a close compares and reverses (not
   * the explanation, the skipped members, the payee or the batch: a close
   * recomputes what it writes, and fewer fields are less to send and decode).
   */
  ofLinePeriod(periodId: string): AsyncIterable<ClosingEntry> {
    return this.model.collection.find<ClosingEntry>({ linePeriodId: periodId }, { projection: CLOSING_FIELDS });
  }

  ofBeneficiary(beneficiaryId: string): Promise<LedgerEntryState[]> {
    return this.model.collection.find<LedgerEntryState>({ beneficiaryId }, { projection: NO_OUTBOX }).toArray();
  }

  ofBatch(batchId: string): Promise<LedgerEntryState[]> {
    return this.model.collection.find<LedgerEntryState>({ batchId }, { projection: NO_OUTBOX }).toArray();
  }

  /** Entries in no batch yet, streamed (a payout draft). */
  open(): AsyncIterable<LedgerEntryState> {
    return this.model.collection.find<LedgerEntryState>({ batchId: null }, { projection: NO_OUTBOX });
  }

  /** Every entry, streamed once (income disclosure). */
  all(): AsyncIterable<LedgerEntryState> {
    return this.model.collection.find<LedgerEntryState>({}, { projection: NO_OUTBOX });
  }

  /** Which of these lines have an entry paid out already. */
  async releasedLines(lineIds: string[]): Promise<Set<string>> {
    const unique = [...new Set(lineIds)];
    if (!unique.length) return new Set();
    const found = await this.model.collection.find<{ lineId: string }>({ lineId: { $in: unique }, releasedAt: { $exists: true } }, { projection: { lineId: 1 } }).toArray();
    return new Set(found.map((e) => e.lineId));
  }

  /** Put open entries in a batch; answers how many it took (an entry another batch took first is left). */
  async claim(ids: string[], batchId: string): Promise<number> {
    if (!ids.length) return 0;
    const res = await this.model.collection.updateMany({ _id: { $in: ids as never[] }, batchId: null }, { $set: { batchId } });
    return res.modifiedCount;
  }

  /** Give entries of a batch back (a payee below the minimum, or a discarded draft). */
  async unclaim(ids: string[], batchId: string): Promise<void> {
    if (!ids.length) return;
    await this.model.collection.updateMany({ _id: { $in: ids as never[] }, batchId }, { $set: { batchId: null } });
  }

  /** Mark one entry of an issued batch released, with CommissionReleased; false if it was already. */
  async release(e: LedgerEntryState, at: Date): Promise<boolean> {
    const event = this.recorder.record(CommissionReleased, { ...lineFields(e), releasedAt: at.toISOString() }, { id: `${e._id}:released`, occurredAt: at });
    const res = await this.model.collection.updateOne(
      { _id: e._id as never, batchId: e.batchId, releasedAt: { $exists: false } },
      withEvents({ $set: { releasedAt: at } }, [event]),
    );
    if (res.modifiedCount === 1) outboxSignals.emit('recorded', this.model.collection.name, e._id);
    return res.modifiedCount === 1;
  }
}
