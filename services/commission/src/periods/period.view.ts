import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERIOD_STATUSES, PeriodState } from './period';

class CloseTimingsView {
  @ApiProperty({ type: 'integer' }) readMs: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Of readMs, reading what the ledger holds for the period' }) readLedgerMs?: number;
  @ApiProperty({ type: 'integer' }) computeMs: number;
  @ApiProperty({ type: 'integer' }) writeMs: number;
}

class CloseSummaryView {
  @ApiProperty({ type: 'integer', description: 'Close runs so far' }) run: number;
  @ApiProperty() planId: string;
  @ApiProperty({ type: 'integer' }) planVersion: number;
  @ApiProperty({ type: 'integer', description: 'BV of the period in hundredths of a point, net of refunds' }) totalBv: number;
  @ApiProperty({ type: 'integer' }) baseMinor: number;
  @ApiProperty({ type: 'integer', description: 'Σ of the final lines' }) totalPayoutMinor: number;
  @ApiProperty({ type: 'integer' }) breakageMinor: number;
  @ApiProperty({ type: 'integer' }) capMinor: number;
  @ApiProperty({ type: 'integer' }) lineCount: number;
  @ApiProperty({ type: 'integer', description: 'Adjustment entries this run wrote (0 when nothing changed)' }) adjustmentsWritten: number;
  @ApiProperty({ type: 'integer', description: 'Standings this run wrote (0 when nothing changed)' }) standingsWritten: number;
  @ApiProperty({ type: 'integer' }) statementCount: number;
  @ApiProperty() closedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) closedAt: Date;
  @ApiProperty({ type: CloseTimingsView }) timings: CloseTimingsView;
}

export class PeriodView {
  @ApiProperty({ example: 'DE-2026-11' }) periodId: string;
  @ApiProperty() market: string;
  @ApiProperty({ enum: PERIOD_STATUSES }) status: string;
  @ApiPropertyOptional({ type: CloseSummaryView }) lastClose?: CloseSummaryView;
  @ApiPropertyOptional() lockedBy?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) lockedAt?: Date;

  static of(p: PeriodState): PeriodView {
    return { periodId: p._id, market: p.market, status: p.status, ...(p.lastClose ? { lastClose: p.lastClose } : {}), ...(p.lockedBy ? { lockedBy: p.lockedBy, lockedAt: p.lockedAt } : {}) };
  }
}
