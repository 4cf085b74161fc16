import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { TransferRepository } from '../../transfer.repository';
import { toTransferView, TransferView } from '../../transfer.view';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/transfers')
export class GetTransferController {
  constructor(private readonly transfers: TransferRepository) {}

  @Get(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'A transfer request (ops).' })
  @ApiOkResponse({ type: TransferView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam): Promise<TransferView> {
    return toTransferView((await this.transfers.get(id)).state);
  }
}
