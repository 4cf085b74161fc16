import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { MemberState } from '../../member';
import { MemberRepository } from '../../member.repository';
import { UpgradeMemberRequest } from './upgrade-member.request';

/** Consumer → operator, on the member's own request, never tied to a fee or a purchase (Member.upgrade). */
@Injectable()
export class UpgradeMemberService {
  constructor(private readonly repo: MemberRepository) {}

  async upgrade(memberId: string, request: UpgradeMemberRequest, caller: Principal): Promise<MemberState> {
    const member = await this.repo.get(memberId);
    const at = new Date();
    const applied = await this.repo.withFreshReferralCode(async (code) => {
      const change = member.upgrade(request.termsVersion, code, caller, at);
      if (isDomainError(change)) throw change;
      return this.repo.apply(change);
    });
    if (!applied) throw DomainError.conflict('The member was upgraded or changed meanwhile; read it and try again');
    return (await this.repo.get(memberId)).state;
  }
}
