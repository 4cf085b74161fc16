import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { LedgerRepository } from '../ledger/ledger.repository';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { STANDING_MODEL, StandingState } from '../periods/period.schema';

export class IncomeDisclosureQuery {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  @Transform(({ value }) => (/^\d{4}$/.test(String(value)) ? Number(value) : value))
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

class IncomeStatsView {
  @ApiProperty({ type: 'integer', description: 'Operators counted, those earning nothing included' }) count: number;
  @ApiProperty({ type: 'integer' }) earningCount: number;
  @ApiProperty({ type: 'integer', description: 'Share of operators earning anything, basis points' }) shareEarningBps: number;
  @ApiProperty({ type: 'integer' }) totalMinor: number;
  @ApiProperty({ type: 'integer', description: 'Truncated toward zero' }) meanMinor: number;
  @ApiProperty({ type: 'integer' }) medianMinor: number;
  @ApiProperty({ type: 'integer' }) p10Minor: number;
  @ApiProperty({ type: 'integer' }) p25Minor: number;
  @ApiProperty({ type: 'integer' }) p75Minor: number;
  @ApiProperty({ type: 'integer' }) p90Minor: number;
  @ApiProperty({ type: 'integer' }) maxMinor: number;
}

class RankIncomeView extends IncomeStatsView {
  @ApiProperty({ description: 'Highest rank held in the year, or `none`' }) rank: string;
}

export class IncomeDisclosureView {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: IncomeStatsView }) all: IncomeStatsView;
  @ApiProperty({ type: [RankIncomeView] }) byRank: RankIncomeView[];
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

export function incomeStats(values: number[]): IncomeStatsView {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const n = sorted.length;
  const earning = sorted.filter((v) => v > 0).length;
  const median = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2] : Math.trunc((sorted[n / 2 - 1] + sorted[n / 2]) / 2);
  return {
    count: n,
    earningCount: earning,
    shareEarningBps: n ? Math.floor((earning * 10_000) / n) : 0,
    totalMinor: total,
    meanMinor: n ? Math.trunc(total / n) : 0,
    medianMinor: median,
    p10Minor: percentile(sorted, 10),
    p25Minor: percentile(sorted, 25),
    p75Minor: percentile(sorted, 75),
    p90Minor: percentile(sorted, 90),
    maxMinor: n ? sorted[n - 1] : 0,
  };
}

@ApiTags('reports')
@Controller('v1/reports/income-disclosure')
export class IncomeDisclosureController {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly members: NetworkMembersRepository,
    @InjectModel(STANDING_MODEL) private readonly standings: Model<StandingState>,
  ) {}

  @Get()
  @Roles('finance', 'ops')
  @ApiOperation({ summary: 'Income disclosure of a year: every operator (those earning nothing included), the share earning anything, mean, median and percentiles, overall and by the highest rank held.' })
  @ApiOkResponse({ type: IncomeDisclosureView })
  @ApiErrors()
  async get(@Query() query: IncomeDisclosureQuery): Promise<IncomeDisclosureView> {
    const year = `-${query.year}-`;
    const earnings = new Map<string, number>();
    for await (const m of this.members.all()) if (m.kind === 'operator') earnings.set(m._id, 0);
    for await (const e of this.ledger.all()) {
      if (!e.periodId.includes(year) || e.kind === 'payment-returned') continue;
      if (earnings.has(e.beneficiaryId)) earnings.set(e.beneficiaryId, earnings.get(e.beneficiaryId)! + e.amountMinor);
    }
    // Ranks are listed lowest first in the plan; here the order of first appearance by GV stands in for it.
    const best = new Map<string, { rank: string; gv: number }>();
    for await (const s of this.standings.collection.find<StandingState>({})) {
      if (!s.periodId.includes(year) || !s.rank) continue;
      const b = best.get(s.memberId);
      if (!b || s.gv > b.gv) best.set(s.memberId, { rank: s.rank, gv: s.gv });
    }
    const byRank = new Map<string, number[]>();
    for (const [memberId, amount] of earnings) {
      const rank = best.get(memberId)?.rank ?? 'none';
      byRank.set(rank, [...(byRank.get(rank) ?? []), amount]);
    }
    return {
      year: query.year,
      all: incomeStats([...earnings.values()]),
      byRank: [...byRank].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rank, values]) => ({ rank, ...incomeStats(values) })),
    };
  }
}
