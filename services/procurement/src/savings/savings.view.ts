import { ApiProperty } from '@nestjs/swagger';
import { MoneyView, moneyOf } from '../common/money';
import type { SavingsRecord } from './savings.repository';

export class SavingsView {
  @ApiProperty() skuId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ type: 'integer', description: 'Units received in the month' }) units: number;
  @ApiProperty({ type: MoneyView, description: 'What they cost at the tiers the runs reached' }) paid: MoneyView;
  @ApiProperty({ type: MoneyView, description: "What they would have cost at each list's first tier" }) atFirstTier: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'atFirstTier − paid: what buying centrally saved' }) saved: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Per unit: how far retail prices fell in the month from cost changes the catalog passed on' })
  retailReductionPerUnit: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Per unit: how much the operator margin (retail − member price) grew from those changes' })
  operatorMarginIncreasePerUnit: MoneyView;
}

export class SavingsListView {
  @ApiProperty({ type: SavingsView, isArray: true }) items: SavingsView[];
}

export function toSavingsView(r: SavingsRecord): SavingsView {
  const m = (amount: number) => moneyOf(amount, r.currency);
  return { skuId: r.skuId, month: r.month, units: r.units, paid: m(r.paid), atFirstTier: m(r.atFirstTier), saved: m(r.atFirstTier - r.paid),
    retailReductionPerUnit: m(r.retailReduction ?? 0),
    operatorMarginIncreasePerUnit: m(r.marginIncrease ?? 0),
  };
}
