import { ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { MemberUpgraded } from '@netdirect/contracts';
import { EventRecorder, Principal, withEvents } from '@netdirect/runtime';
import { AuditEntry, Member } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { UpgradeMemberRequest } from './upgrade-member.request';

/** Consumer → operator, on the member's own request, never tied to a fee or a purchase. */
@Injectable()
export class UpgradeMemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly events: EventRecorder,
  ) {}

  async upgrade(memberId: string, request: UpgradeMemberRequest, caller: Principal): Promise<Member> {
    if (caller.subject !== memberId) {
      throw new ForbiddenException('Only the member may accept the operator terms for their position');
    }
    const member = await this.repo.get(memberId);
    if (member.kind === 'operator')
      throw new UnprocessableEntityException('kind: the member is already an operator');
    if (member.status !== 'active')
      throw new UnprocessableEntityException(`status: a ${member.status} member cannot upgrade`);

    const at = new Date();
    const entry: AuditEntry = {
      at,
      action: 'upgraded',
      by: caller.subject,
      details: { termsVersion: request.termsVersion },
    };
    const res = await this.repo.withFreshReferralCode((code) => {
      const event = this.events.record(
        MemberUpgraded,
        { memberId, termsVersion: request.termsVersion, referralCode: code, upgradedAt: at.toISOString() },
        { occurredAt: at },
      );
      return this.repo.members
        .updateOne(
          { _id: memberId, kind: 'consumer', status: 'active' },
          withEvents(
            {
              $set: {
                kind: 'operator',
                referralCode: code,
                termsVersion: request.termsVersion,
                upgradedAt: at,
              },
              $push: { history: entry },
            },
            [event],
          ),
        )
        .exec();
    });
    if (res.matchedCount !== 1) {
      throw new UnprocessableEntityException('kind: the member was upgraded or changed meanwhile');
    }
    return this.repo.get(memberId);
  }
}
