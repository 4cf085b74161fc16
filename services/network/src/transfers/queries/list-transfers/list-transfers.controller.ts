import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { Member } from '../../../members/member';
import { MemberRepository } from '../../../members/member.repository';
import { TransferRepository } from '../../transfer.repository';
import { toTransferView, TransferView } from '../../transfer.view';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/members')
export class ListTransfersController {
  constructor(
    private readonly members: MemberRepository,
    private readonly transfers: TransferRepository,
  ) {}

  @Get(':id/transfers')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'Transfer requests of a position, newest first, at most 100 (ops, or the member).' })
  @ApiOkResponse({ type: TransferView, isArray: true })
  @ApiErrors(400, 401, 403, 404)
  async list(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<TransferView[]> {
    if (!Member.transfersReadableBy(id, caller))
      throw DomainError.forbidden('Only the member and ops may read a position’s transfer requests');
    await this.members.get(id);
    return (await this.transfers.listFor(id, 100)).map(toTransferView);
  }
}
