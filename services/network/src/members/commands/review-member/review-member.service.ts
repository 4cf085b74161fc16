import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { MemberState } from '../../member';
import { MemberRepository } from '../../member.repository';
import { ReviewMemberRequest } from './review-member.request';

/** Ops decides a registration flagged for sharing the sponsor's identity (Member.decideReview). */
@Injectable()
export class ReviewMemberService {
  constructor(private readonly repo: MemberRepository) {}

  async decide(memberId: string, request: ReviewMemberRequest, caller: Principal): Promise<MemberState> {
    const member = await this.repo.get(memberId);
    const change = member.decideReview(request.decision, request.note, caller.subject, new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.repo.apply(change))) throw DomainError.conflict('The review was decided meanwhile');
    return (await this.repo.get(memberId)).state;
  }
}
