import { ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { MemberRegistered } from '@netdirect/contracts';
import { EventRecorder, isDuplicateKeyError, newWithEvents, Principal } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Member, MemberDocument } from '../../member.schema';
import { newReferralCode, normaliseReferralCode } from '../../referral-code';
import { RegisterMemberRequest } from './register-member.request';

/** Register a consumer or operator under the sponsor whose referral code they bring. */
@Injectable()
export class RegisterMemberService {
  constructor(
    @InjectModel(Member.name) private readonly members: Model<MemberDocument>,
    private readonly events: EventRecorder,
  ) {}

  async register(request: RegisterMemberRequest, caller: Principal): Promise<Member> {
    let sponsor: Member | null = null;
    if (request.referralCode) {
      sponsor = await this.members
        .findOne({ referralCode: normaliseReferralCode(request.referralCode) })
        .lean<Member>()
        .exec();
      if (!sponsor) throw new UnprocessableEntityException('referralCode: no operator has this referral code');
      if (sponsor.status !== 'active') {
        throw new UnprocessableEntityException(`referralCode: the sponsor is ${sponsor.status}`);
      }
    } else if (!caller.roles.includes('ops')) {
      throw new ForbiddenException('Only ops may register a company-sponsored root without a referral code');
    }

    const id = randomUUID();
    const joinedAt = new Date();
    const uplinePath = sponsor ? [sponsor._id, ...sponsor.uplinePath] : [];
    for (let attempt = 0; ; attempt++) {
      const member: Member = {
        _id: id,
        kind: request.kind,
        status: 'active',
        sponsorId: sponsor?._id ?? null,
        depth: uplinePath.length,
        uplinePath,
        market: request.market,
        joinedAt,
        ...(request.kind === 'operator' ? { referralCode: newReferralCode() } : {}),
      };
      const event = this.events.record(
        MemberRegistered,
        {
          memberId: id,
          kind: member.kind,
          sponsorId: member.sponsorId,
          depth: member.depth,
          uplinePath,
          market: member.market,
          joinedAt: joinedAt.toISOString(),
        },
        { occurredAt: joinedAt },
      );
      try {
        await this.members.create(newWithEvents(member, [event]));
        return member;
      } catch (e) {
        // A referral code collision (1 in 2^40 per pair) gets a new code; anything else is real.
        if (!isDuplicateKeyError(e) || attempt >= 3) throw e;
      }
    }
  }
}
