import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { RunProcess } from '../../run-process.service';
import { RunView, toRunView } from '../../run.view';

@ApiTags('procurement runs')
@ApiBearerAuth()
@Controller('v1/procurement-runs')
export class StartRunController {
  constructor(private readonly process: RunProcess) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary: 'Run procurement now (ops): buy the collected demand, one purchase order per supplier (PurchaseOrderIssued).',
    description: 'Answers the finished run. 409 while another run is in progress (or waits to be resumed after a crash).',
  })
  @ApiCreatedResponse({ type: RunView })
  @ApiErrors(401, 403, 409)
  async start(@CurrentPrincipal() caller: Principal): Promise<RunView> {
    return toRunView(await this.process.start('ops', caller.subject));
  }
}
