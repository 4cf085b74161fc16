import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isDomainError, Principal, SERVICE_SETTINGS } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { NetworkSettings } from '../../../network.settings';
import { fingerprintsOf, sharedSignals } from '../../fingerprints';
import { Member, MemberCreation, MemberState } from '../../member';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { samePath } from '../../upline-rewrite';
import { RegisterMemberRequest } from './register-member.request';

/** Register a consumer or operator under the sponsor whose referral code they bring (Member.register). */
@Injectable()
export class RegisterMemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly restructures: RestructureService,
    @Inject(SERVICE_SETTINGS) private readonly settings: NetworkSettings,
  ) {}

  async register(request: RegisterMemberRequest, caller: Principal): Promise<MemberState> {
    let sponsor: Member | null = null;
    if (request.referralCode) {
      sponsor = await this.repo.byReferralCode(request.referralCode);
      if (!sponsor) throw DomainError.rule('referralCode', 'no operator has this referral code');
    }
    const fingerprints = fingerprintsOf(request);
    const base = {
      id: randomUUID(),
      kind: request.kind,
      market: request.market,
      ownerName: request.name,
      // The registrant owns the position from now on, under a party id of its own (MemberRegistered.ownerPartyId).
      ownerPartyId: randomUUID(),
      fingerprints,
      sharedSignals: sponsor ? sharedSignals(fingerprints, sponsor.state.fingerprints ?? {}) : [],
      selfReferral: this.settings.NETWORK_SELF_REFERRAL as 'refuse' | 'flag',
      caller,
      at: new Date(),
    };
    const insert = async (referralCode?: string): Promise<MemberCreation> => {
      const created = Member.register(sponsor, { ...base, ...(referralCode ? { referralCode } : {}) });
      if (isDomainError(created)) throw created;
      await this.repo.insert(created);
      return created;
    };
    const { state } =
      request.kind === 'operator' ? await this.repo.withFreshReferralCode(insert) : await insert();

    // The sponsor may have been moved or terminated between our read and our write.
    if (sponsor) {
      const now = await this.repo.findFields(sponsor.id, ['status', 'uplinePath']);
      if (!now || now.status === 'terminated' || !samePath(now.uplinePath, sponsor.path)) {
        await this.restructures.reconcileNewMember(state._id);
        return (await this.repo.find(state._id))?.state ?? state;
      }
    }
    return state;
  }
}
