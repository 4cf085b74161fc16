import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POSITION_TRANSFER_REASONS } from '@netdirect/contracts';
import { PositionOwnerView } from '../members/member.view';
import { TRANSFER_REQUESTERS, TransferRequester, TransferState } from './transfer';

/** Who opened a transfer request. */
export class TransferRequesterView {
  @ApiProperty({ description: 'Subject of the token that opened the request' }) subject: string;
  @ApiProperty({
    enum: TRANSFER_REQUESTERS,
    description: '`new-owner` only on requests opened before an heir had to ask ops',
  })
  as: TransferRequester;
}

/** A transfer request and, once decided, the decision. */
export class TransferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ enum: POSITION_TRANSFER_REASONS }) reason: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: PositionOwnerView }) previousOwner: PositionOwnerView;
  @ApiProperty({ type: PositionOwnerView }) newOwner: PositionOwnerView;
  @ApiProperty({ enum: ['requested', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ type: TransferRequesterView }) requestedBy: TransferRequesterView;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiPropertyOptional({ description: 'Ops user who decided' }) decidedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
  @ApiPropertyOptional() decisionNote?: string;
}

export function toTransferView(t: TransferState): TransferView {
  return {
    id: t._id,
    memberId: t.memberId,
    reason: t.reason,
    statement: t.statement,
    previousOwner: { partyId: t.previousOwner.partyId, name: t.previousOwner.name },
    newOwner: { partyId: t.newOwner.partyId, name: t.newOwner.name },
    status: t.status,
    requestedBy: { subject: t.requestedBy.subject, as: t.requestedBy.as },
    requestedAt: new Date(t.requestedAt).toISOString(),
    ...(t.decidedBy ? { decidedBy: t.decidedBy } : {}),
    ...(t.decidedAt ? { decidedAt: new Date(t.decidedAt).toISOString() } : {}),
    ...(t.decisionNote !== undefined ? { decisionNote: t.decisionNote } : {}),
  };
}
