import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Model } from 'mongoose';
import { Party } from '../../party.schema';
import { PartyView, toPartyView } from '../../party.view';

export class IdentityCheckRequest {
  @ApiProperty({ description: 'Whether the identity documents were verified' })
  @IsBoolean()
  passed: boolean;

  @ApiProperty({ example: 'KYC-2026-00042', description: 'Where the evidence is kept' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class RecordIdentityCheckController {
  constructor(@InjectModel(Party.name) private readonly parties: Model<Party>) {}

  @Post(':id/identity-check')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Record the outcome of an identity check of a party (ops).' })
  async record(
    @Param('id') id: string,
    @Body() body: IdentityCheckRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PartyView> {
    const identityCheck = {
      passed: body.passed,
      reference: body.reference,
      by: caller.subject,
      at: new Date(),
    };
    const res = await this.parties.updateOne({ _id: id }, { $set: { identityCheck } }).exec();
    if (res.matchedCount !== 1) throw new NotFoundException(`No party ${id}`);
    return toPartyView((await this.parties.findById(id).lean<Party>().exec())!);
  }
}
