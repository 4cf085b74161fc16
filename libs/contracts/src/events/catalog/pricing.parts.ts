import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsNested } from '../../values/field.decorators';

/*
 * Nested parts of ProductPriceChanged that explain a price change. Kept apart
 * from catalog.parts.ts (the products' shapes) so pricing can grow without
 * touching them; class names stay unique across the contracts.
 */

/**
 * How a cost change Δ per unit was shared, signed like Δ (negative for a
 * saving): `retail + operatorMargin + platform = Δ` exactly, in minor units.
 * The retail price moved by `retail`; the operators' margin (retail − member)
 * by −`operatorMargin`; the platform's margin (member − cost) by −`platform`.
 */
export class CostChangeShares {
  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  retail: number;

  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  operatorMargin: number;

  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  platform: number;
}

/** Why one SKU's prices changed: what they were, the cost they follow and the shares applied. */
export class SkuPriceChangeDetail {
  @IsId()
  skuId: string;

  /** The retail price before the change (absent for a SKU's first price). */
  @IsOptional()
  @IsNested(() => Money)
  previousRetailPrice?: Money | null;

  /** The member price before the change (absent for a SKU's first price). */
  @IsOptional()
  @IsNested(() => Money)
  previousMemberPrice?: Money | null;

  /** BV before the change, hundredths of a point (absent for a SKU's first price). */
  @IsOptional()
  @IsCount()
  previousBv?: number | null;

  /** The SKU's cost basis (weighted average landed unit cost) the previous price was set at. */
  @IsOptional()
  @IsNested(() => Money)
  costBasisBefore?: Money | null;

  /** The cost basis the new price follows. */
  @IsOptional()
  @IsNested(() => Money)
  costBasisAfter?: Money | null;

  /** Share of the cost change passed on to retail, basis points (cost changes only). */
  @IsOptional()
  @IsCount()
  retailShareBps?: number | null;

  /** Share of the cost change passed on to the operators' margin, basis points (cost changes only). */
  @IsOptional()
  @IsCount()
  marginShareBps?: number | null;

  /** The cost change split between retail, operators and platform (cost changes only). */
  @IsOptional()
  @IsNested(() => CostChangeShares)
  shares?: CostChangeShares | null;

  /** True when the member price was held at cost × (1 + the policy's minimum platform markup) instead of following the pass-through. */
  @IsOptional()
  @IsBoolean()
  boundApplied?: boolean | null;
}
