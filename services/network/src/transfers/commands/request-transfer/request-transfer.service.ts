import { Injectable } from '@nestjs/common';
import { isDomainError, Principal } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { MemberRepository } from '../../../members/member.repository';
import { PartyRepository } from '../../../parties/party.repository';
import { TransferPolicy } from '../../compliance-profile';
import { Transfer } from '../../transfer';
import { TransferRepository } from '../../transfer.repository';
import { RequestTransferRequest } from './request-transfer.request';

/** The member or ops asks to move a position to a new owner (Transfer.request). */
@Injectable()
export class RequestTransferService {
  constructor(
    private readonly members: MemberRepository,
    private readonly parties: PartyRepository,
    private readonly transfers: TransferRepository,
    private readonly policy: TransferPolicy,
  ) {}

  async request(memberId: string, body: RequestTransferRequest, caller: Principal): Promise<Transfer> {
    // Checked before any read: whoever may not ask learns nothing, not even whether the position exists.
    const requester = Transfer.requesterOf(memberId, caller);
    if (isDomainError(requester)) throw requester;
    const member = await this.members.get(memberId);
    const newOwner = await this.parties.find(body.newOwnerPartyId);
    const transfer = Transfer.request(member, newOwner, {
      id: randomUUID(),
      reason: body.reason,
      statement: body.statement,
      caller,
      policy: this.policy,
      at: new Date(),
    });
    if (isDomainError(transfer)) throw transfer;
    await this.transfers.insert(transfer);
    return transfer;
  }
}
