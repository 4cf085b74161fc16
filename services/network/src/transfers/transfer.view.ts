import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PositionOwnerView } from '../members/member.view';
import type { Transfer } from './transfer.schema';

export class TransferView {
  @ApiProperty() id: string;
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: ['inheritance', 'incapacity', 'legal-entity-change', 'gift', 'sale'] }) reason: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: PositionOwnerView }) previousOwner: PositionOwnerView;
  @ApiProperty({ type: PositionOwnerView }) newOwner: PositionOwnerView;
  @ApiProperty({ enum: ['requested', 'approved', 'rejected'] }) status: string;
  @ApiProperty() requestedBy: { subject: string; as: string };
  @ApiProperty() requestedAt: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decisionNote?: string;
}

export function toTransferView(t: Transfer): TransferView {
  return {
    id: t._id,
    memberId: t.memberId,
    reason: t.reason,
    statement: t.statement,
    previousOwner: t.previousOwner,
    newOwner: t.newOwner,
    status: t.status,
    requestedBy: t.requestedBy,
    requestedAt: new Date(t.requestedAt).toISOString(),
    ...(t.decidedBy
      ? {
          decidedBy: t.decidedBy,
          decidedAt: new Date(t.decidedAt!).toISOString(),
          decisionNote: t.decisionNote,
        }
      : {}),
  };
}
