import { ApiProperty } from '@nestjs/swagger';
import { MemberView } from '../../member.view';

/** The member after a status change, and how many members a termination moved. */
export class StatusChangeView {
  @ApiProperty({ type: MemberView }) member: MemberView;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Members whose upline path was rewritten by a termination (0 otherwise)',
  })
  moved: number;
}
