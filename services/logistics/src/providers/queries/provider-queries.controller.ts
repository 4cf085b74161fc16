import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { isOps } from '../../common/access';
import { ProviderIdParam } from '../provider-id.param';
import { ProviderRepository } from '../provider.repository';
import { ProviderListView, ProviderView, toProviderView } from '../provider.view';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProviderQueriesController {
  constructor(private readonly providers: ProviderRepository) {}

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'Every provider (ops).' })
  @ApiOkResponse({ type: ProviderListView })
  async list(): Promise<ProviderListView> {
    return { items: (await this.providers.list()).map(toProviderView) };
  }

  @Get(':id')
  @Roles('ops', 'logistics-provider')
  @ApiOperation({ summary: 'One provider; a provider reads only itself (403 otherwise).' })
  @ApiOkResponse({ type: ProviderView })
  @ApiErrors(404)
  async get(@Param() { id }: ProviderIdParam, @CurrentPrincipal() caller: Principal): Promise<ProviderView> {
    if (!isOps(caller) && caller.subject !== id) throw DomainError.forbidden('A provider reads only itself');
    return toProviderView(await this.providers.get(id));
  }
}
