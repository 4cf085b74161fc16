import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Principal, SERVICE_SETTINGS } from '@netdirect/runtime';
import { NetworkSettings } from '../../../network.settings';
import { Member } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { wouldCreateCycle } from '../../upline-rewrite';
import { ChangeSponsorRequest } from './change-sponsor.request';

const DAY_MS = 24 * 60 * 60 * 1000;

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
  ): Promise<{ member: Member; moved: number }> {
    const member = await this.repo.get(memberId);
    if (member.status === 'terminated')
      throw new UnprocessableEntityException('status: a terminated member cannot be moved');
    const windowDays = this.settings.NETWORK_SPONSOR_CHANGE_WINDOW_DAYS;
    const closesAt = new Date(new Date(member.joinedAt).getTime() + windowDays * DAY_MS);
    if (now > closesAt) {
      throw new UnprocessableEntityException(
        `joinedAt: a sponsor may be changed only within ${windowDays} days of joining; the window closed at ${closesAt.toISOString()}`,
      );
    }
    if (request.newSponsorId === member.sponsorId) {
      throw new UnprocessableEntityException('newSponsorId: that is already the sponsor');
    }
    const sponsor = await this.repo.find(request.newSponsorId);
    if (!sponsor) throw new UnprocessableEntityException(`newSponsorId: no member ${request.newSponsorId}`);
    if (wouldCreateCycle(member._id, sponsor._id, sponsor.uplinePath)) {
      throw new UnprocessableEntityException(
        `newSponsorId: ${sponsor._id} is ${sponsor._id === member._id ? 'the member itself' : 'in the member’s own downline'}; that would make a cycle`,
      );
    }
    if (sponsor.kind !== 'operator')
      throw new UnprocessableEntityException('newSponsorId: only an operator can sponsor');
    if (sponsor.status !== 'active')
      throw new UnprocessableEntityException(`newSponsorId: the new sponsor is ${sponsor.status}`);

    const job = await this.restructures.changeSponsor(member, sponsor._id, caller.subject, request.reason);
    return { member: await this.repo.get(memberId), moved: job.moved };
  }
}
