import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MEMBER_STATUS_VALUES, MemberStatus } from '../../member';

export class ChangeStatusRequest {
  @ApiProperty({ enum: MEMBER_STATUS_VALUES, description: 'active ⇄ suspended, or terminated (final)' })
  @IsIn(MEMBER_STATUS_VALUES)
  status: MemberStatus;

  @ApiProperty({ example: 'Repeated chargebacks, see case 4711', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
