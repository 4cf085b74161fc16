import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { MemberRepository } from '../../../members/member.repository';
import { PartyRepository } from '../../../parties/party.repository';
import { TransferPolicy } from '../../compliance-profile';
import { Transfer } from '../../transfer';
import { TransferRepository } from '../../transfer.repository';

/**
 * Ops approves or rejects a transfer request. Approval changes the member
 * first (Member.transferTo: new owner, audit entry and
 * MemberPositionTransferred, one write through the member repository) and
 * then closes the request; run again after a crash in between, it finds the
 * member already transferred and only closes the request.
 */
@Injectable()
export class DecideTransferService {
  constructor(
    private readonly members: MemberRepository,
    private readonly parties: PartyRepository,
    private readonly transfers: TransferRepository,
    private readonly policy: TransferPolicy,
  ) {}

  async approve(transferId: string, note: string, caller: Principal): Promise<Transfer> {
    const transfer = await this.transfers.get(transferId);
    const member = await this.members.get(transfer.state.memberId);
    if (!member.wasTransferredBy(transferId)) {
      const newOwner = await this.parties.find(transfer.state.newOwner.partyId);
      const approval = transfer.approval(member, newOwner, this.policy);
      if (isDomainError(approval)) throw approval;
      const change = member.transferTo(approval, caller.subject, note, new Date());
      if (isDomainError(change)) throw change;
      if (!(await this.members.apply(change)))
        throw DomainError.conflict('The position changed owner meanwhile; try again');
    }
    return this.close(transfer, 'approved', note, caller);
  }

  async reject(transferId: string, note: string, caller: Principal): Promise<Transfer> {
    return this.close(await this.transfers.get(transferId), 'rejected', note, caller);
  }

  private async close(
    transfer: Transfer,
    status: 'approved' | 'rejected',
    note: string,
    caller: Principal,
  ): Promise<Transfer> {
    const change = transfer.decide(status, caller.subject, note, new Date());
    if (isDomainError(change)) throw change;
    if (!(await this.transfers.apply(change))) throw DomainError.conflict('The transfer was decided meanwhile');
    return transfer.after(change);
  }
}
