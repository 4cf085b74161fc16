import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class ChangeSponsorRequest {
  @ApiProperty({ format: 'uuid', description: 'Member id of the new sponsor (an active operator)' })
  @IsUUID('all', { message: 'newSponsorId must be a member id (a UUID)' })
  newSponsorId: string;

  @ApiProperty({ example: 'Registered with the wrong referral link, ticket 1234', minLength: 1, maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
