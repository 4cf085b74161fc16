import { ForbiddenException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { MemberRegistered } from '@netdirect/contracts';
import { EventRecorder, newWithEvents, Principal, SERVICE_SETTINGS } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { NetworkSettings } from '../../../network.settings';
import { fingerprintsOf, sharedSignals } from '../../fingerprints';
import { Member, MemberDocument } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { samePath } from '../../upline-rewrite';
import { RegisterMemberRequest } from './register-member.request';

/** Register a consumer or operator under the sponsor whose referral code they bring. */
@Injectable()
export class RegisterMemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly restructures: RestructureService,
    private readonly events: EventRecorder,
    @Inject(SERVICE_SETTINGS) private readonly settings: NetworkSettings,
  ) {}

  async register(request: RegisterMemberRequest, caller: Principal): Promise<Member> {
    let sponsor: MemberDocument | null = null;
    if (request.referralCode) {
      sponsor = await this.repo.byReferralCode(request.referralCode);
      if (!sponsor)
        throw new UnprocessableEntityException('referralCode: no operator has this referral code');
      if (sponsor.status !== 'active') {
        throw new UnprocessableEntityException(`referralCode: the sponsor is ${sponsor.status}`);
      }
    } else if (!caller.roles.includes('ops')) {
      throw new ForbiddenException('Only ops may register a company-sponsored root without a referral code');
    }

    const fingerprints = fingerprintsOf(request);
    const signals = sponsor ? sharedSignals(fingerprints, sponsor.fingerprints ?? {}) : [];
    if (signals.length && this.settings.NETWORK_SELF_REFERRAL === 'refuse') {
      throw new UnprocessableEntityException(
        `referralCode: the registrant shares the sponsor's own ${signals.join(', ')}; joining under yourself is not allowed`,
      );
    }

    const id = randomUUID();
    const joinedAt = new Date();
    const uplinePath = sponsor ? [sponsor._id, ...sponsor.uplinePath] : [];
    const referralCode = request.kind === 'operator' ? await this.repo.claimReferralCode(id) : undefined;
    const member: Member = {
      _id: id,
      kind: request.kind,
      status: 'active',
      sponsorId: sponsor?._id ?? null,
      depth: uplinePath.length,
      uplinePath,
      market: request.market,
      joinedAt,
      owner: { partyId: randomUUID(), name: request.name },
      fingerprints,
      ...(referralCode ? { referralCode } : {}),
      ...(signals.length ? { review: { status: 'pending', signals, flaggedAt: joinedAt } } : {}),
      history: [
        {
          at: joinedAt,
          action: 'registered',
          by: caller.subject,
          ...(signals.length ? { details: { flaggedFor: signals } } : {}),
        },
      ],
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
      await this.repo.members.create(newWithEvents(member, [event]));
    } catch (e) {
      if (referralCode) await this.repo.releaseReferralCode(referralCode, id).catch(() => undefined);
      throw e;
    }

    // The sponsor may have been moved or terminated between our read and our write.
    if (sponsor) {
      const now = await this.repo.find(sponsor._id);
      if (!now || now.status === 'terminated' || !samePath(now.uplinePath, sponsor.uplinePath)) {
        await this.restructures.reconcileNewMember(id);
        return (await this.repo.find(id)) ?? member;
      }
    }
    return member;
  }
}
