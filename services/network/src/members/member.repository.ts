import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, Principal } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Member, MemberDocument } from './member.schema';
import { newReferralCode, normaliseReferralCode } from './referral-code';

/** Reads of members by `_id`, referral codes, and who may read what. */
@Injectable()
export class MemberRepository {
  constructor(@InjectModel(Member.name) readonly members: Model<MemberDocument>) {}

  /**
   * One member by `_id`. Hot reads go to the driver's collection directly: the
   * mongoose query around them (casting, a stack captured per query) cost more
   * than the read itself here, and a lean read needs none of it.
   */
  find(id: string): Promise<MemberDocument | null> {
    return this.members.collection.findOne<MemberDocument>({ _id: id as never });
  }

  /** Only some fields of one member by `_id` (see {@link find}). */
  findFields<K extends keyof MemberDocument>(id: string, fields: K[]): Promise<Pick<MemberDocument, '_id' | K> | null> {
    return this.members.collection.findOne<Pick<MemberDocument, '_id' | K>>(
      { _id: id as never },
      { projection: Object.fromEntries(fields.map((f) => [f, 1])) },
    );
  }

  async get(id: string): Promise<MemberDocument> {
    const member = await this.find(id);
    if (!member) throw new NotFoundException(`No member ${id}`);
    return member;
  }

  /**
   * The member, if the caller may read it: ops read every position, a member
   * their own and those in their downline. Anything else is 403, also for a
   * member id that does not exist, so ids cannot be probed.
   */
  async readable(id: string, caller: Principal): Promise<MemberDocument> {
    if (caller.roles.includes('ops') || caller.subject === id) return this.get(id);
    const member = caller.roles.includes('member') ? await this.find(id) : null;
    if (!member || !member.uplinePath.includes(caller.subject)) {
      throw new ForbiddenException('A member may read only their own position and their own downline');
    }
    return member;
  }

  /**
   * The operator whose code this is, or null: one read on the members' sparse
   * unique `referralCode` index, which MongoDB and the embedded store both use.
   */
  byReferralCode(code: string): Promise<MemberDocument | null> {
    return this.members.collection.findOne<MemberDocument>({ referralCode: normaliseReferralCode(code) });
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
}

/** A duplicate key on the referral code (the other unique keys are random UUIDs). */
function isReferralCodeCollision(e: unknown): boolean {
  if (!isDuplicateKeyError(e)) return false;
  const err = e as { keyPattern?: Record<string, unknown>; message?: string };
  return Boolean(err.keyPattern?.referralCode) || /referralCode/.test(err.message ?? '');
}
