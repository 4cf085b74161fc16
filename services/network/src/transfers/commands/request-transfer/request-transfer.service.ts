import {
  ConflictException,
  ForbiddenException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, Principal } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MemberRepository } from '../../../members/member.repository';
import { Party } from '../../../parties/party.schema';
import { TransferPolicy } from '../../compliance-profile';
import { Transfer } from '../../transfer.schema';
import { RequestTransferRequest } from './request-transfer.request';

/** The member, an heir (as the new owner) or ops asks to move a position to a new owner. */
@Injectable()
export class RequestTransferService {
  constructor(
    private readonly repo: MemberRepository,
    @InjectModel(Party.name) private readonly parties: Model<Party>,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    private readonly policy: TransferPolicy,
  ) {}

  async request(memberId: string, body: RequestTransferRequest, caller: Principal): Promise<Transfer> {
    const as = this.requesterRole(memberId, body, caller);
    const member = await this.repo.get(memberId);
    if (member.status === 'terminated')
      throw new UnprocessableEntityException('status: a terminated position cannot be transferred');
    const refusal = this.policy.refusal(member.market, body.reason);
    if (refusal) throw new UnprocessableEntityException(`reason: ${refusal}`);
    const party = await this.parties.findById(body.newOwnerPartyId).lean<Party>().exec();
    if (!party)
      throw new UnprocessableEntityException(
        `newOwnerPartyId: no party ${body.newOwnerPartyId}; register it at /v1/parties first`,
      );
    if (party._id === member.owner.partyId)
      throw new UnprocessableEntityException('newOwnerPartyId: that party already owns the position');

    const transfer: Transfer = {
      _id: randomUUID(),
      memberId,
      openFor: memberId,
      reason: body.reason,
      statement: body.statement,
      previousOwner: member.owner,
      newOwner: { partyId: party._id, name: party.name },
      requestedBy: { subject: caller.subject, as },
      status: 'requested',
      requestedAt: new Date(),
    };
    try {
      await this.transfers.create(transfer);
    } catch (e) {
      if (isDuplicateKeyError(e))
        throw new ConflictException(`Position ${memberId} already has an open transfer request`);
      throw e;
    }
    return transfer;
  }

  /** The member may ask for any allowed reason; an heir or guardian only for inheritance or incapacity. */
  private requesterRole(
    memberId: string,
    body: RequestTransferRequest,
    caller: Principal,
  ): Transfer['requestedBy']['as'] {
    if (caller.roles.includes('ops')) return 'ops';
    if (caller.subject === memberId) return 'member';
    if (
      caller.subject === body.newOwnerPartyId &&
      (body.reason === 'inheritance' || body.reason === 'incapacity')
    )
      return 'new-owner';
    throw new ForbiddenException(
      'Only the member, ops, or an heir or guardian (for inheritance or incapacity) may request a transfer',
    );
  }
}
