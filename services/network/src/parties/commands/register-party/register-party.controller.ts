import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Party } from '../../party.schema';
import { PartyView, toPartyView } from '../../party.view';

export class RegisterPartyRequest {
  @ApiProperty({ enum: ['person', 'legal-entity'] })
  @IsIn(['person', 'legal-entity'])
  kind: 'person' | 'legal-entity';

  @ApiProperty({
    example: 'Schmidt Vertriebs GmbH',
    description: 'Legal name, as it will appear on payout statements',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class RegisterPartyController {
  constructor(@InjectModel(Party.name) private readonly parties: Model<Party>) {}

  @Post()
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'Register a person or legal entity that may receive a position (an heir, a company).',
  })
  async register(
    @Body() body: RegisterPartyRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PartyView> {
    const party: Party = {
      _id: randomUUID(),
      kind: body.kind,
      name: body.name,
      identityCheck: null,
      createdBy: caller.subject,
      createdAt: new Date(),
    };
    await this.parties.create(party);
    return toPartyView(party);
  }

  @Get(':id')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'A party (ops, or whoever registered it, or the party itself).' })
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<PartyView> {
    const party = await this.parties.findById(id).lean<Party>().exec();
    const mayRead =
      caller.roles.includes('ops') || caller.subject === id || party?.createdBy === caller.subject;
    if (!mayRead)
      throw new ForbiddenException('Only ops, the party and whoever registered it may read a party');
    if (!party) throw new NotFoundException(`No party ${id}`);
    return toPartyView(party);
  }
}
