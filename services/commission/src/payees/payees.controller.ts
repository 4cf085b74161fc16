import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ownerAt } from '../network-members/network-member.schema';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { PayeesService } from './payees.service';
import { checkId } from '../common/ids';

export class PutPayeeRequest {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  accountHolder: string;

  @ApiProperty({ description: 'IBAN without spaces', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' })
  @Matches(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/, { message: 'iban must be an IBAN without spaces, e.g. DE89370400440532013000' })
  iban: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, { message: 'bic must be 8 or 11 letters and digits' })
  bic?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  taxId?: string | null;
}

export class PayeeView {
  @ApiProperty({ description: 'The party (owner of the position) that is paid' }) partyId: string;
  @ApiProperty({ description: 'Last four characters of the account' }) accountHint: string;
  @ApiProperty() updatedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** Payee details of the party that owns a member's position now; the member itself or finance. Details never leave in clear. */
@ApiTags('payees')
@Controller('v1/members/:id/payee')
export class PayeesController {
  constructor(
    private readonly payees: PayeesService,
    private readonly members: NetworkMembersRepository,
  ) {}

  private async ownerOf(memberId: string, caller: Principal, at: Date): Promise<string> {
    const mayRead = caller.roles.includes('finance') || (caller.roles.includes('member') && caller.subject === memberId);
    if (!mayRead) throw DomainError.forbidden('Only the member itself or finance may see or change its payee details');
    const m = await this.members.find(checkId(memberId));
    if (!m) throw DomainError.notFound(`No member ${memberId}`);
    return ownerAt(m, at.toISOString());
  }

  @Put()
  @Roles('member', 'finance')
  @ApiOperation({ summary: "Enter the bank and tax details of the party owning the member's position (sealed at rest)." })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: PayeeView })
  @ApiErrors(404)
  async put(@Param('id') id: string, @Body() body: PutPayeeRequest, @CurrentPrincipal() caller: Principal): Promise<PayeeView> {
    const partyId = await this.ownerOf(id, caller, new Date());
    const p = await this.payees.put(partyId, { accountHolder: body.accountHolder, iban: body.iban, bic: body.bic ?? null, taxId: body.taxId ?? null }, caller.subject);
    return { partyId, accountHint: p.accountHint, updatedBy: p.updatedBy, updatedAt: p.updatedAt };
  }

  @Get()
  @Roles('member', 'finance')
  @ApiOperation({ summary: 'Whether payee details are on file for the owner of the position (masked).' })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: PayeeView })
  @ApiErrors(404)
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<PayeeView> {
    const partyId = await this.ownerOf(id, caller, new Date());
    const p = await this.payees.find(partyId);
    if (!p) throw DomainError.notFound(`No payee details for the owner of ${id}`);
    return { partyId, accountHint: p.accountHint, updatedBy: p.updatedBy, updatedAt: p.updatedAt };
  }
}
