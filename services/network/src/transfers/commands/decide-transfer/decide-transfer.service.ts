import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { MemberPositionTransferred } from '@netdirect/contracts';
import { derivedId, EventRecorder, Principal, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { AuditEntry } from '../../../members/member.schema';
import { MemberRepository } from '../../../members/member.repository';
import { Party } from '../../../parties/party.schema';
import { TransferPolicy } from '../../compliance-profile';
import { Transfer } from '../../transfer.schema';

/**
 * Ops approves or rejects a transfer request. Approval writes the member first
 * (new owner, audit entry and MemberPositionTransferred, one write) and then
 * closes the request; run again after a crash in between, it finds the member
 * already transferred and only closes the request.
 */
@Injectable()
export class DecideTransferService {
  constructor(
    private readonly repo: MemberRepository,
    @InjectModel(Party.name) private readonly parties: Model<Party>,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    private readonly policy: TransferPolicy,
    private readonly events: EventRecorder,
  ) {}

  async approve(transferId: string, note: string, caller: Principal): Promise<Transfer> {
    const transfer = await this.open(transferId);
    const member = await this.repo.get(transfer.memberId);
    const alreadyDone = member.history?.some(
      (h) => h.action === 'transferred' && h.details?.transferId === transferId,
    );
    if (!alreadyDone) {
      if (member.status === 'terminated')
        throw new UnprocessableEntityException('status: the position was terminated; reject the request');
      // The profile may have changed since the request.
      const refusal = this.policy.refusal(member.market, transfer.reason);
      if (refusal) throw new UnprocessableEntityException(`reason: ${refusal}`);
      const party = await this.parties.findById(transfer.newOwner.partyId).lean<Party>().exec();
      if (!party?.identityCheck?.passed) {
        throw new UnprocessableEntityException(
          'newOwner: the new owner has not passed an identity check; record one at /v1/parties/:id/identity-check',
        );
      }
      if (member.owner.partyId !== transfer.previousOwner.partyId) {
        throw new ConflictException(
          'The position changed owner since the request; reject it and request again',
        );
      }
      const at = new Date();
      const event = this.events.record(
        MemberPositionTransferred,
        {
          memberId: member._id,
          transferId,
          previousOwner: member.owner,
          newOwner: { partyId: party._id, name: party.name },
          reason: transfer.reason,
          approvedBy: caller.subject,
          transferredAt: at.toISOString(),
        },
        { id: derivedId(transferId, 'approved'), occurredAt: at },
      );
      const entry: AuditEntry = {
        at,
        action: 'transferred',
        by: caller.subject,
        reason: note,
        details: {
          transferId,
          transferReason: transfer.reason,
          from: member.owner,
          to: { partyId: party._id, name: party.name },
          requestedBy: transfer.requestedBy,
        },
      };
      const res = await this.repo.members
        .updateOne(
          { _id: member._id, 'owner.partyId': member.owner.partyId },
          withEvents(
            { $set: { owner: { partyId: party._id, name: party.name } }, $push: { history: entry } },
            [event],
          ),
        )
        .exec();
      if (res.matchedCount !== 1)
        throw new ConflictException('The position changed owner meanwhile; try again');
    }
    return this.close(transfer, 'approved', note, caller);
  }

  async reject(transferId: string, note: string, caller: Principal): Promise<Transfer> {
    return this.close(await this.open(transferId), 'rejected', note, caller);
  }

  private async open(transferId: string): Promise<Transfer> {
    const transfer = await this.transfers.findById(transferId).lean<Transfer>().exec();
    if (!transfer) throw new NotFoundException(`No transfer ${transferId}`);
    if (transfer.status !== 'requested')
      throw new UnprocessableEntityException(`status: the transfer was already ${transfer.status}`);
    return transfer;
  }

  private async close(
    transfer: Transfer,
    status: 'approved' | 'rejected',
    note: string,
    caller: Principal,
  ): Promise<Transfer> {
    const decided = { status, decidedBy: caller.subject, decidedAt: new Date(), decisionNote: note };
    const res = await this.transfers
      .updateOne({ _id: transfer._id, status: 'requested' }, { $set: decided, $unset: { openFor: '' } })
      .exec();
    if (res.matchedCount !== 1) throw new ConflictException('The transfer was decided meanwhile');
    const { openFor: _open, ...rest } = transfer;
    return { ...rest, ...decided };
  }
}
