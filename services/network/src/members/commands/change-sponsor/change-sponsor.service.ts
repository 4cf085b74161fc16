import { Inject, Injectable } from '@nestjs/common';
import { Principal, SERVICE_SETTINGS } from '@netdirect/runtime';
import { NetworkSettings } from '../../../network.settings';
import { MemberState } from '../../member';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { ChangeSponsorRequest } from './change-sponsor.request';

/** Ops corrects a sponsor within the grace window after joining; the subtree moves along. */
@Injectable()
export class ChangeSponsorService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly restructures: RestructureService,
    @Inject(SERVICE_SETTINGS) private readonly settings: NetworkSettings,
  ) {}

  async change(
    memberId: string,
    request: ChangeSponsorRequest,
    caller: Principal,
    now = new Date(),
  ): Promise<{ member: MemberState; moved: number }> {
    const member = await this.repo.get(memberId);
    const sponsor = await this.repo.find(request.newSponsorId);
    const refusal = member.sponsorChangeRefusal(sponsor, this.settings.NETWORK_SPONSOR_CHANGE_WINDOW_DAYS, now);
    if (refusal) throw refusal;
    const job = await this.restructures.changeSponsor(member, request.newSponsorId, caller.subject, request.reason);
    return { member: (await this.repo.get(memberId)).state, moved: job.moved };
  }
}
