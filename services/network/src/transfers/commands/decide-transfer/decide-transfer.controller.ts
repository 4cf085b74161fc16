import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { toTransferView, TransferView } from '../../transfer.view';
import { DecideTransferRequest } from './decide-transfer.request';
import { DecideTransferService } from './decide-transfer.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/transfers')
export class DecideTransferController {
  constructor(private readonly service: DecideTransferService) {}

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      'Approve: the position passes to the new owner (identity-checked), audited; emits MemberPositionTransferred.',
    description:
      '422 when the request was already decided, the position was terminated, the profile no longer allows the reason, or the new owner has not passed an identity check; 409 when the owner changed since the request.',
  })
  @ApiOkResponse({ type: TransferView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async approve(
    @Param() { id }: IdParam,
    @Body() body: DecideTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView((await this.service.approve(id, body.note, caller)).state);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Reject a transfer request, with a note.', description: '422 when already decided.' })
  @ApiOkResponse({ type: TransferView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async reject(
    @Param() { id }: IdParam,
    @Body() body: DecideTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView((await this.service.reject(id, body.note, caller)).state);
  }
}
