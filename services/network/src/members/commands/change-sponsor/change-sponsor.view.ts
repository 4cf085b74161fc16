import { ApiProperty } from '@nestjs/swagger';
import { MemberView } from '../../member.view';

/** The member under its new sponsor, and how many members below it moved along. */
export class SponsorChangeView {
  @ApiProperty({ type: MemberView }) member: MemberView;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Members below whose upline path was rewritten' })
  moved: number;
}
