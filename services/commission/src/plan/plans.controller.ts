import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { periodBounds } from '../compute/period-id';
import { ActivatePlanRequest, PERIOD_ID_PATTERN } from './activate-plan.request';
import { PLAN_ID_PATTERN, PlanRequest } from './plan.request';
import { LintView, PlanVersionView, toPlanVersionView } from './plan.view';
import { PlanVersions } from './plan-versions.repository';
import { PlansService } from './plans.service';
import { SimulatePlanRequest } from './simulate-plan.request';
import { PlanComparisonView } from './simulation.view';

export class PlanVersionParams {
  @ApiProperty({ pattern: PLAN_ID_PATTERN })
  @IsString()
  @Matches(new RegExp(PLAN_ID_PATTERN), { message: 'planId must be 1–64 lower-case letters, digits or dashes' })
  planId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 })
  @Type(() => Number)
  @IsInt({ message: 'version must be an integer' })
  @Min(1)
  @Max(1_000_000)
  version: number;
}

export class ListPlansQuery {
  @ApiPropertyOptional({ pattern: '^[A-Z]{2}$', description: 'Only this market’s plans' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market?: string;
}

export class ActivePlanQuery {
  @ApiProperty({ pattern: PERIOD_ID_PATTERN, example: 'US-2026-11', description: 'The period (its market is the plan’s)' })
  @IsString()
  @Matches(new RegExp(PERIOD_ID_PATTERN), { message: 'period must look like DE-2026-11' })
  period: string;
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly versions: PlanVersions,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({
    summary: 'Store a plan as its next version (ops or finance).',
    description:
      "Lints the plan against its market's compliance profile first: 422 listing every reason, each citing its rule and source. The same plan as the latest version not yet activated answers that version again (a retry adds nothing).",
  })
  @ApiOkResponse({ type: PlanVersionView })
  @ApiErrors(409, 422)
  async store(@Body() body: PlanRequest, @CurrentPrincipal() caller: Principal): Promise<PlanVersionView> {
    const state = await this.plans.store(body, caller);
    return toPlanVersionView(state.plan, state);
  }

  @Post('lint')
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'Lint a plan without storing it (ops or finance): every reason, with its rule and source.' })
  @ApiOkResponse({ type: LintView })
  lint(@Body() body: PlanRequest): LintView {
    return this.plans.lint(body);
  }

  @Post('simulate')
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({
    summary: 'What-if: run a candidate plan over a past period beside the plan it is computed with (ops or finance); writes nothing.',
    description: 'Compares total payout, payout share of the base (BV in money) and the distribution by rank. The candidate is linted first (422 listing every reason, fields under `plan.`).',
  })
  @ApiOkResponse({ type: PlanComparisonView })
  @ApiErrors(422)
  simulate(@Body() body: SimulatePlanRequest, @CurrentPrincipal() caller: Principal): Promise<PlanComparisonView> {
    return this.plans.simulate(body.periodId, body.plan, caller);
  }

  @Post(':planId/versions/:version/activate')
  @HttpCode(200)
  @Roles('ops', 'finance')
  @ApiOperation({
    summary: 'Activate a stored version from a first period (ops or finance): CompensationPlanActivated.',
    description:
      "The period must be of the plan's market, this month or later. A version is activated once (the same period again answers it again); to change a plan, store a new version.",
  })
  @ApiOkResponse({ type: PlanVersionView })
  @ApiErrors(404, 409, 422)
  async activate(@Param() p: PlanVersionParams, @Body() body: ActivatePlanRequest, @CurrentPrincipal() caller: Principal): Promise<PlanVersionView> {
    const state = await this.plans.activate(p.planId, p.version, body.firstPeriodId, caller);
    return toPlanVersionView(state.plan, state);
  }

  @Get()
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'Every stored plan version, of one market or all (ops or finance).' })
  @ApiOkResponse({ type: PlanVersionView, isArray: true })
  async list(@Query() q: ListPlansQuery): Promise<PlanVersionView[]> {
    return (await this.versions.list(q.market)).map((s) => toPlanVersionView(s.plan, s));
  }

  @Get('active')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: "The plan a period is computed with: the latest activated version from that period or before, else the market's default plan." })
  @ApiOkResponse({ type: PlanVersionView })
  async active(@Query() q: ActivePlanQuery): Promise<PlanVersionView> {
    const plan = await this.versions.activeFor(periodBounds(q.period).market, q.period);
    const state = plan.createdBy === 'system' ? undefined : ((await this.versions.find(`${plan.planId}@${plan.version}`)) ?? undefined);
    return toPlanVersionView(plan, state);
  }

  @Get(':planId/versions/:version')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: 'One stored plan version (ops or finance).' })
  @ApiOkResponse({ type: PlanVersionView })
  @ApiErrors(404)
  async get(@Param() p: PlanVersionParams): Promise<PlanVersionView> {
    const state = await this.versions.find(`${p.planId}@${p.version}`);
    if (!state) throw DomainError.notFound(`No version ${p.version} of plan ${p.planId}`);
    return toPlanVersionView(state.plan, state);
  }
}
