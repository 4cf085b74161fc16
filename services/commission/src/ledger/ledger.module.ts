import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { OrderEventsHandler } from '../orders/order-events.handler';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PayeesController } from '../payees/payees.controller';
import { PAYEE_MODEL, PayeeSchema } from '../payees/payee.schema';
import { PayeesService } from '../payees/payees.service';
import { HELD_BALANCE_DECISION_MODEL, HeldBalanceDecisionSchema } from '../payouts/held-balance-decision.schema';
import { HeldBalanceDecisions } from '../payouts/held-balance-decisions.repository';
import { HeldBalanceController } from '../payouts/held-balance.controller';
import { HeldBalanceService } from '../payouts/held-balance.service';
import { PayoutBatchRepository } from '../payouts/payout-batch.repository';
import { PAYOUT_BATCH_MODEL, PayoutBatchSchema } from '../payouts/payout-batch.schema';
import { PayoutsController } from '../payouts/payouts.controller';
import { PayoutFaults } from '../payouts/payout-faults';
import { PayoutsService } from '../payouts/payouts.service';
import { ReleasableEntries } from '../payouts/releasable-entries';
import { ClosePeriodService } from '../periods/close-period.service';
import { PeriodInputsModule } from '../periods/period-inputs.module';
import { PERIOD_MODEL, PeriodSchema, STANDING_MODEL, StandingSchema } from '../periods/period.schema';
import { PeriodRepository } from '../periods/period.repository';
import { PeriodsController } from '../periods/periods.controller';
import { StandingsRepository } from '../periods/standings.repository';
import { PlanModule } from '../plan/plan.module';
import { ExplainLineController } from '../statements/explain-line.controller';
import { IncomeDisclosureController } from '../statements/income-disclosure.controller';
import { StatementController } from '../statements/statement.controller';
import { AccrueOrderService } from './accrue-order.service';
import { ClawBackService } from './claw-back.service';
import { LEDGER_ENTRY_MODEL, LedgerEntrySchema } from './ledger-entry.schema';
import { LedgerRepository } from './ledger.repository';

/**
 * The ledger side of commission: the orders read model and the accrual,
 * clawback and release of lines; periods (close, lock, standings); payees
 * and payout batches; statements, explanations and the income disclosure.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: LEDGER_ENTRY_MODEL, schema: LedgerEntrySchema },
      { name: PERIOD_MODEL, schema: PeriodSchema },
      { name: STANDING_MODEL, schema: StandingSchema },
      { name: PAYEE_MODEL, schema: PayeeSchema },
      { name: PAYOUT_BATCH_MODEL, schema: PayoutBatchSchema },
      { name: HELD_BALANCE_DECISION_MODEL, schema: HeldBalanceDecisionSchema },
    ]),
    PeriodInputsModule,
    PlanModule,
  ],
  controllers: [OrderEventsHandler, PeriodsController, PayeesController, PayoutsController, HeldBalanceController, StatementController, ExplainLineController, IncomeDisclosureController],
  providers: [
    LedgerRepository,
    AccrueOrderService,
    ClawBackService,
    PeriodRepository,
    StandingsRepository,
    ClosePeriodService,
    PayeesService,
    PayoutBatchRepository,
    PayoutsService,
    PayoutFaults,
    ReleasableEntries,
    HeldBalanceDecisions,
    HeldBalanceService,
  ],
})
export class LedgerModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly standings: StandingsRepository,
    private readonly batches: PayoutBatchRepository,
    private readonly orders: CommissionOrdersRepository,
  ) {}

  onModuleInit(): void {
    for (const model of [this.orders.model, this.ledger.model, this.periods.model, this.standings.model, this.batches.model]) this.relay.watch(model);
  }
}
