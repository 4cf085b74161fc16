import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { MemberStatusChanged } from '@netdirect/contracts';
import { EventRecorder, Principal, withEvents } from '@netdirect/runtime';
import { AuditEntry, Member, MemberStatus } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { RestructureService } from '../../restructure/restructure.service';
import { ChangeStatusRequest } from './change-status.request';

/** Allowed status transitions; termination is final. */
const TRANSITIONS: Record<MemberStatus, readonly MemberStatus[]> = {
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

export interface StatusChangeResult {
  member: Member;
  /** Members whose upline was rewritten (termination only). */
  moved: number;
}

/** Suspend, reinstate or terminate a member (ops). */
@Injectable()
export class ChangeStatusService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly restructures: RestructureService,
    private readonly events: EventRecorder,
  ) {}

  async change(
    memberId: string,
    request: ChangeStatusRequest,
    caller: Principal,
  ): Promise<StatusChangeResult> {
    const member = await this.repo.get(memberId);
    if (!TRANSITIONS[member.status].includes(request.status)) {
      throw new UnprocessableEntityException(
        `status: a ${member.status} member cannot become ${request.status}` +
          (member.status === 'terminated' ? ' (termination is final)' : ''),
      );
    }
    if (request.status === 'terminated') {
      const job = await this.restructures.terminate(member, caller.subject, request.reason);
      return { member: await this.repo.get(memberId), moved: job.moved };
    }
    const at = new Date();
    const event = this.events.record(
      MemberStatusChanged,
      {
        memberId,
        from: member.status,
        to: request.status,
        reason: request.reason,
        by: caller.subject,
        changedAt: at.toISOString(),
      },
      { occurredAt: at },
    );
    const entry: AuditEntry = {
      at,
      action: 'status-changed',
      by: caller.subject,
      reason: request.reason,
      details: { from: member.status, to: request.status },
    };
    const res = await this.repo.members
      .updateOne(
        { _id: memberId, status: member.status },
        withEvents({ $set: { status: request.status }, $push: { history: entry } }, [event]),
      )
      .exec();
    if (res.matchedCount !== 1)
      throw new ConflictException(`Member ${memberId} changed status meanwhile; read it and try again`);
    return { member: await this.repo.get(memberId), moved: 0 };
  }
}
