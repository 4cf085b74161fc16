import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, Principal } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Member, MemberDocument } from './member.schema';
import { ReferralCode } from './referral-code.schema';
import { newReferralCode, normaliseReferralCode } from './referral-code';

/** Reads of members by `_id`, referral codes, and who may read what. */
@Injectable()
export class MemberRepository {
  constructor(
    @InjectModel(Member.name) readonly members: Model<MemberDocument>,
    @InjectModel(ReferralCode.name) private readonly codes: Model<ReferralCode>,
  ) {}

  find(id: string): Promise<MemberDocument | null> {
    return this.members.findById(id).lean<MemberDocument>().exec();
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

  /** The operator whose code this is, or null. */
  async byReferralCode(code: string): Promise<MemberDocument | null> {
    const normalised = normaliseReferralCode(code);
    const claim = await this.codes.findById(normalised).lean<ReferralCode>().exec();
    if (!claim) return null;
    const member = await this.find(claim.memberId);
    // A claim whose member write failed, or a code a member no longer has, is unknown.
    return member?.referralCode === normalised ? member : null;
  }

  /** Reserve a fresh code for a member; its document must then be written with it. */
  async claimReferralCode(memberId: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const code = newReferralCode();
      try {
        await this.codes.create({ _id: code, memberId });
        return code;
      } catch (e) {
        // A collision is 1 in 2^40 per pair of codes: draw again.
        if (!isDuplicateKeyError(e) || attempt >= 5) throw e;
      }
    }
  }

  /** Give a claimed code back after the member write that would have used it did not happen. */
  async releaseReferralCode(code: string, memberId: string): Promise<void> {
    await this.codes.deleteOne({ _id: code, memberId }).exec();
  }
}
