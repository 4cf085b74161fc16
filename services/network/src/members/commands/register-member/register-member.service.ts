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
    const memberWith = (referralCode?: string): Member => ({
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
    });
    const event = this.events.record(
      MemberRegistered,
      {
        memberId: id,
        kind: request.kind,
        sponsorId: sponsor?._id ?? null,
        depth: uplinePath.length,
        uplinePath,
        market: request.market,
        joinedAt: joinedAt.toISOString(),
      },
      { occurredAt: joinedAt },
    );
    // Inserted as built (no hydration): every field was validated or set above.
    const insert = async (member: Member) => {
      await this.repo.members.insertMany([newWithEvents(member, [event])], { lean: true });
      return member;
    };
    const member =
      request.kind === 'operator'
        ? await this.repo.withFreshReferralCode((code) => insert(memberWith(code)))
        : await insert(memberWith());

    // The sponsor may have been moved or terminated between our read and our write.
    if (sponsor) {
      const now = await this.repo.findFields(sponsor._id, ['status', 'uplinePath']);
      if (!now || now.status === 'terminated' || !samePath(now.uplinePath, sponsor.uplinePath)) {
        await this.restructures.reconcileNewMember(id);
        return (await this.repo.find(id)) ?? member;
      }
    }
    return member;
  }
}
