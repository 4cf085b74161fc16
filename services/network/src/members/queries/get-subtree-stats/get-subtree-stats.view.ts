import { ApiProperty } from '@nestjs/swagger';

/** The counts of a subtree below a member (see subtree-stats.ts). */
export class SubtreeStatsView {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Members below this one that are active or suspended. The member itself is not counted, nor are terminated positions (see `terminated`). size = operators + consumers.',
  })
  size: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of `size`, operators' }) operators: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of `size`, consumers' }) consumers: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Terminated positions still recorded below this member, counted apart from `size`',
  })
  terminated: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Levels below the member down to the deepest member counted in `size` (0 when there is none)',
  })
  depth: number;
}
