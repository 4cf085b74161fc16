import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Clock, CLOCK, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { Inject } from '@nestjs/common';
import { PricingPolicyRepository } from '../policies/pricing-policy.repository';
import { ApplyPolicyRequest } from '../requests/apply-policy.request';
import { PricingTermsRequest } from '../requests/pricing-terms.request';
import { VersionParam } from '../requests/version.param';
import { SkuPricingService } from '../sku-pricing.service';
import { AppliedPricesView } from '../views/applied-prices.view';
import { toPolicyView, toPriceChangeView } from '../views/pricing.mappers';
import { PricingPolicyView } from '../views/pricing-policy.view';

/** Pricing policy versions (ops): store, read, apply to SKUs. */
@ApiTags('pricing')
@ApiBearerAuth()
@Controller('v1/pricing-policy')
export class PricingPolicyController {
  constructor(
    private readonly policies: PricingPolicyRepository,
    private readonly pricing: SkuPricingService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put()
  @Roles('ops')
  @ApiOperation({
    summary: 'Store a new pricing policy version (ops).',
    description:
      'Versions are immutable and numbered 1, 2, 3…; the new one becomes current. It prices nothing by itself: apply it to SKUs. 422 when retailShareBps + marginShareBps > 10000 or memberMarkupBps < minPlatformMarkupBps; 409 when another version was saved at the same moment.',
  })
  @ApiOkResponse({ type: PricingPolicyView })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422)
  async put(
    @Body() body: PricingTermsRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PricingPolicyView> {
    return toPolicyView(await this.policies.append(body, caller.subject, this.clock.now()));
  }

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'The current pricing policy version (404 before ops stored one).' })
  @ApiOkResponse({ type: PricingPolicyView })
  @ApiErrors(401, 403, 404)
  async current(): Promise<PricingPolicyView> {
    const policy = await this.policies.current();
    if (!policy) throw DomainError.notFound('No pricing policy yet');
    return toPolicyView(policy);
  }

  @Get('versions/:version')
  @Roles('ops')
  @ApiOperation({ summary: 'One pricing policy version.' })
  @ApiOkResponse({ type: PricingPolicyView })
  @ApiErrors(400, 401, 403, 404)
  async version(@Param() { version }: VersionParam): Promise<PricingPolicyView> {
    return toPolicyView(await this.policies.get(version));
  }

  @Post('apply')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Give SKUs their first price from their cost basis under a policy version (ops).',
    description:
      'member = cost × (1 + memberMarkup), retail = member × (1 + retailMarkup), BV = member × bvShare in points; each SKU changed gets a ProductPriceChanged (reason policy-change). 404 for an unknown SKU or version (or no policy yet); 422 for a SKU with no cost basis (set its standard cost) or a retired SKU; 409 when its prices changed meanwhile.',
  })
  @ApiOkResponse({ type: AppliedPricesView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async apply(
    @Body() body: ApplyPolicyRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AppliedPricesView> {
    const version = body.version ?? (await this.policies.current())?._id;
    if (version === undefined) throw DomainError.notFound('No pricing policy yet');
    const applied = await this.pricing.applyPolicy(version, body.skuIds, caller.subject);
    return { version, changes: applied.map((i) => toPriceChangeView(this.pricing.historyEntry(i))) };
  }
}
