import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ReviewMemberRequest {
  @ApiProperty({
    enum: ['cleared', 'confirmed'],
    description:
      'cleared: a legitimate registration; confirmed: self-referral (suspend or terminate separately)',
  })
  @IsIn(['cleared', 'confirmed'])
  decision: 'cleared' | 'confirmed';

  @ApiProperty({ example: 'Spouses sharing a phone; checked by call', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;
}
