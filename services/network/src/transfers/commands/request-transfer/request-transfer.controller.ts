import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { toTransferView, TransferView } from '../../transfer.view';
import { RequestTransferRequest } from './request-transfer.request';
import { RequestTransferService } from './request-transfer.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/members')
export class RequestTransferController {
  constructor(private readonly service: RequestTransferService) {}

  @Post(':id/transfers')
  @Roles('ops', 'member')
  @ApiOperation({
    summary:
      'Request moving a position to a new owner, for a reason the market’s compliance profile allows (the member or ops).',
    description:
      'Only the member itself or ops may open a request (403 for anyone else): an heir or guardian asks ops, who open it with the evidence. The default profile refuses a sale (422, with why). One open request per position (409). Ops approves or rejects at /v1/transfers/:id/approve|reject.',
  })
  @ApiCreatedResponse({ type: TransferView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async request(
    @Param() { id }: IdParam,
    @Body() body: RequestTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView((await this.service.request(id, body, caller)).state);
  }
}
