import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../common/money';
import { PriceListHeader, PriceListState } from './price-list';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export class PriceTierView {
  @ApiProperty({ type: 'integer', minimum: 1 }) minQuantity: number;
  @ApiProperty({ type: MoneyView }) unitCost: MoneyView;
}

export class PriceListItemView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: String, nullable: true }) supplierSku: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) leadTimeDays: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) minimumOrderQuantity: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) packSize: number;
  @ApiProperty({ type: PriceTierView, isArray: true }) tiers: PriceTierView[];
}

export class PriceListHeaderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When runs started to use it' }) indexedAt: string | null;
}

export class PriceListView extends PriceListHeaderView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: PriceListItemView, isArray: true }) items: PriceListItemView[];
}

export class PriceListListView {
  @ApiProperty({ type: PriceListHeaderView, isArray: true }) items: PriceListHeaderView[];
}

export const toPriceListHeaderView = (h: PriceListHeader): PriceListHeaderView => ({
  id: h._id,
  supplierId: h.supplierId,
  validFrom: iso(h.validFrom)!,
  validUntil: iso(h.validUntil),
  publishedAt: iso(h.publishedAt)!,
  indexedAt: iso(h.indexedAt),
});

export const toPriceListView = (s: PriceListState): PriceListView => ({
  ...toPriceListHeaderView(s),
  currency: s.currency,
  items: s.items.map((i) => ({
    skuId: i.skuId,
    supplierSku: i.supplierSku ?? null,
    leadTimeDays: i.leadTimeDays,
    minimumOrderQuantity: i.minimumOrderQuantity,
    packSize: i.packSize,
    tiers: i.tiers.map((t) => ({ minQuantity: t.minQuantity, unitCost: { amount: t.unitCost, currency: s.currency } })),
  })),
});
