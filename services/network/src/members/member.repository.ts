import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DomainError,
  EventRecorder,
  isDuplicateKeyError,
  newWithEvents,
  PendingEvent,
  Principal,
  withEvents,
} from '@netdirect/runtime';
import { Model } from 'mongoose';
import { DomainEvent, Member, MemberChange, MemberCreation, MemberState } from './member';
import { MEMBER_MODEL, MemberDocument } from './member.schema';
import { newReferralCode, normaliseReferralCode } from './referral-code';
import { SubtreeCounter, SubtreeRow, SubtreeStats } from './subtree-stats';

/** The fields a downline page or export shows of each member. */
export type DownlineRow = Pick<MemberState, '_id' | 'kind' | 'status' | 'sponsorId' | 'depth' | 'joinedAt'>;
const DOWNLINE_FIELDS = { _id: 1, kind: 1, status: 1, sponsorId: 1, depth: 1, joinedAt: 1 } as const;

/** A page of results and whether more follow. */
export interface Page<T> {
  items: T[];
  more: boolean;
}

/**
 * Where members are kept: reads by `_id`, referral code and subtree, and the
 * one way a member changes, {@link apply} (compare-and-set, with the change's
 * audit entry and events in the same single-document write).
 */
@Injectable()
export class MemberRepository {
  constructor(
    @InjectModel(MEMBER_MODEL) private readonly members: Model<MemberDocument>,
    private readonly recorder: EventRecorder,
  ) {}

  /** The model, for the outbox relay to watch. */
  get model(): Model<MemberDocument> {
    return this.members;
  }

  /**
   * One member by `_id`. Hot reads go to the driver's collection directly: the
   * mongoose query around them (casting, a stack captured per query) cost more
   * than the read itself here, and a lean read needs none of it.
   */
  async find(id: string): Promise<Member | null> {
    const state = await this.members.collection.findOne<MemberDocument>({ _id: id as never });
    return state ? Member.from(state) : null;
  }

  /** Only some fields of one member by `_id` (see {@link find}). */
  findFields<K extends keyof MemberState>(id: string, fields: K[]): Promise<Pick<MemberState, '_id' | K> | null> {
    return this.members.collection.findOne<Pick<MemberState, '_id' | K>>(
      { _id: id as never },
      { projection: Object.fromEntries(fields.map((f) => [f, 1])) },
    );
  }

  async get(id: string): Promise<Member> {
    const member = await this.find(id);
    if (!member) throw DomainError.notFound(`No member ${id}`);
    return member;
  }

  /**
   * The member, if the caller may read it (see {@link Member.mayBeReadBy}).
   * A member who asks about an id that does not exist gets 403 as for any
   * position outside their downline, so ids cannot be probed.
   */
  async readable(id: string, caller: Principal): Promise<Member> {
    const member = caller.roles.includes('ops') || caller.roles.includes('member') ? await this.find(id) : null;
    if (member?.mayBeReadBy(caller)) return member;
    if (!member && caller.roles.includes('ops')) throw DomainError.notFound(`No member ${id}`);
    if (!member && caller.subject === id) throw DomainError.notFound(`No member ${id}`);
    throw DomainError.forbidden('A member may read only their own position and their own downline');
  }

  /**
   * The operator whose code this is, or null: one read on the members' sparse
   * unique `referralCode` index, which MongoDB and the embedded store both use.
   */
  async byReferralCode(code: string): Promise<Member | null> {
    const state = await this.members.collection.findOne<MemberDocument>({
      referralCode: normaliseReferralCode(code),
    });
    return state ? Member.from(state) : null;
  }

  /**
   * Run a write that gives a member a fresh referral code, drawing another
   * code if the unique index says it is taken (1 in 2^40 per pair of codes).
   */
  async withFreshReferralCode<T>(write: (code: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const code = newReferralCode();
      try {
        return await write(code);
      } catch (e) {
        if (!isReferralCodeCollision(e) || attempt >= 5) throw e;
      }
    }
  }

  /** Insert a new member with the events of its registration. */
  async insert(creation: MemberCreation): Promise<void> {
    // Inserted as built, without hydrating a mongoose document: the aggregate set every field.
    await this.members.insertMany([newWithEvents(creation.state, this.record(creation.events))], { lean: true });
  }

  /**
   * Apply a change by compare-and-set: its fields, its audit entry and its
   * events in one write, only while the member still matches the change's
   * guard. False when it no longer does (changed meanwhile); nothing was written.
   */
  async apply(change: MemberChange): Promise<boolean> {
    const res = await this.members
      .updateOne(
        { _id: change.memberId, ...change.guard },
        withEvents({ $set: change.set, $push: { history: change.audit } }, this.record(change.events)),
      )
      .exec();
    return res.matchedCount === 1;
  }

  /** Up to `limit` members whose upline includes `memberId` (a termination rolls them up batch by batch). */
  async below(memberId: string, limit: number): Promise<Member[]> {
    const rows = await this.members.find({ uplinePath: memberId }).limit(limit).lean<MemberState[]>().exec();
    return rows.map((s) => Member.from(s));
  }

  /** The subtree of `memberId` in `_id` order, the members after `after`. */
  async subtreePage(memberId: string, after: string, limit: number): Promise<Member[]> {
    const rows = await this.members
      .find({ uplinePath: memberId, _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<MemberState[]>()
      .exec();
    return rows.map((s) => Member.from(s));
  }

  /** One page of the downline of `root`, one level (1 = personally sponsored) or all, in `_id` order. */
  async downlinePage(
    root: Member,
    options: { level?: number; after?: string; limit: number },
  ): Promise<Page<DownlineRow>> {
    const filter: Record<string, unknown> = { uplinePath: root.id };
    if (options.level !== undefined) filter.depth = root.state.depth + options.level;
    if (options.after) filter._id = { $gt: options.after };
    const rows = await this.members
      .find(filter, DOWNLINE_FIELDS)
      .sort({ _id: 1 })
      .limit(options.limit + 1)
      .lean<DownlineRow[]>()
      .exec();
    return { items: rows.slice(0, options.limit), more: rows.length > options.limit };
  }

  /** Registrations waiting for a fraud-review decision, in `_id` order. */
  async pendingReviews(after: string | undefined, limit: number): Promise<Page<MemberState>> {
    const filter: Record<string, unknown> = { 'review.status': 'pending' };
    if (after) filter._id = { $gt: after };
    const rows = await this.members
      .find(filter)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<MemberState[]>()
      .exec();
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Count the subtree below `root` (see {@link SubtreeStats} for what counts). */
  async subtreeStats(root: Member): Promise<SubtreeStats> {
    // One pass over the subtree, streamed with only the fields it needs and counted here:
    // an aggregation on the embedded store first loads the whole collection into its memory
    // (it ran out of a 3 GB heap at a million members); a projected cursor holds only matches.
    const counter = new SubtreeCounter(root.state.depth);
    const cursor = this.members.collection.find<SubtreeRow>(
      { uplinePath: root.id },
      { projection: { _id: 0, kind: 1, status: 1, depth: 1 }, batchSize: 5000 },
    );
    for await (const row of cursor) counter.add(row);
    return counter.result();
  }

  /** The subtree below `root` as a cursor (close it when done), for streaming exports. */
  subtreeCursor(root: Member): AsyncIterable<DownlineRow> & { close(): Promise<void> } {
    return this.members
      .find({ uplinePath: root.id }, DOWNLINE_FIELDS)
      .lean<DownlineRow>()
      .cursor({ batchSize: 1000 }) as unknown as AsyncIterable<DownlineRow> & { close(): Promise<void> };
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.map((e) => this.recorder.record(e.contract, e.data, { id: e.id, occurredAt: e.occurredAt }));
  }
}

/** A duplicate key on the referral code (the other unique keys are random UUIDs). */
function isReferralCodeCollision(e: unknown): boolean {
  if (!isDuplicateKeyError(e)) return false;
  const err = e as { keyPattern?: Record<string, unknown>; message?: string };
  return Boolean(err.keyPattern?.referralCode) || /referralCode/.test(err.message ?? '');
}
