import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ChangeSponsorRequest {
  @ApiProperty({ description: 'Member id of the new sponsor (an active operator)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newSponsorId: string;

  @ApiProperty({ example: 'Registered with the wrong referral link, ticket 1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
