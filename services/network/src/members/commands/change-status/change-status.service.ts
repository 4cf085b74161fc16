import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { MemberState } from '../../member';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { ChangeStatusRequest } from './change-status.request';

export interface StatusChangeResult {
  member: MemberState;
  /** Members whose upline was rewritten (termination only). */
  moved: number;
}

/** Suspend, reinstate or terminate a member (ops). The transitions are the member's (Member.changeStatus). */
@Injectable()
export class ChangeStatusService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly restructures: RestructureService,
  ) {}

  async change(memberId: string, request: ChangeStatusRequest, caller: Principal): Promise<StatusChangeResult> {
    const member = await this.repo.get(memberId);
    const change = member.changeStatus(request.status, {
      by: caller.subject,
      reason: request.reason,
      at: new Date(),
    });
    if (isDomainError(change)) throw change;
    if (request.status === 'terminated') {
      // The member's own change is the job's first step, so a crash half-way is finished by the job.
      const job = await this.restructures.terminate(member, caller.subject, request.reason);
      return { member: (await this.repo.get(memberId)).state, moved: job.moved };
    }
    if (!(await this.repo.apply(change)))
      throw DomainError.conflict(`Member ${memberId} changed status meanwhile; read it and try again`);
    return { member: (await this.repo.get(memberId)).state, moved: 0 };
  }
}
