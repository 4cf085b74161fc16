import { ApiProperty } from '@nestjs/swagger';

/** One sponsor above a member. */
export class UplineEntryView {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: '1 = the sponsor, 2 = the sponsor’s sponsor, …' })
  level: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) depth: number;
}

/** A member's sponsors, nearest first. */
export class UplineView {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ type: UplineEntryView, isArray: true, description: 'Nearest first' }) upline: UplineEntryView[];
}
