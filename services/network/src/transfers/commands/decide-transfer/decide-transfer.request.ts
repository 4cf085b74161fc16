import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class DecideTransferRequest {
  @ApiProperty({ example: 'Certificate of inheritance checked' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;
}
