import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { MemberStatus } from '../../member.schema';

export class ChangeStatusRequest {
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] })
  @IsIn(['active', 'suspended', 'terminated'])
  status: MemberStatus;

  @ApiProperty({ example: 'Repeated chargebacks, see case 4711' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
