import { Money, ProductPriceChanged, ProductPublished, ProductRetired, ProductUpdated } from '@netdirect/contracts';
import { DomainError } from '@netdirect/runtime';

/*
 * The product aggregate: a product, its SKUs, their prices and BV, and the
 * rules that change them. Plain code: no NestJS, no database. Each command
 * returns the change (the new state and the events it causes) or a
 * DomainError; ProductRepository.apply writes it by compare-and-set on
 * `revision`, in one single-document write with its events.
 */

export const SKU_STATUS_VALUES = ['draft', 'active', 'retired'] as const;
export type SkuStatus = (typeof SKU_STATUS_VALUES)[number];
export const PRODUCT_STATUS_VALUES = ['draft', 'active', 'retired'] as const;
export type ProductStatus = (typeof PRODUCT_STATUS_VALUES)[number];

export const MAX_SKUS = 200;

/** Outer size of one packed unit, in whole millimetres. */
export interface Dimensions {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/** One sellable variant of a product. */
export interface SkuState {
  skuId: string;
  name: string;
  weightGrams: number;
  dimensions: Dimensions;
  retailPrice: Money;
  memberPrice: Money;
  /** Hundredths of a point (12.50 points → 1250). */
  bv: number;
  status: SkuStatus;
  /** The prices were set by ops by hand (not by the pricing policy); they hold until the next cost change. */
  manual: boolean;
}

/** What is stored of a product: the aggregate's state. */
export interface ProductState {
  _id: string;
  name: string;
  description: string | null;
  categoryId: string;
  tags: string[];
  imageUrls: string[];
  /** `draft` until first published; `retired` once no SKU is left on sale. */
  status: ProductStatus;
  skus: SkuState[];
  /** Compare-and-set token: every write of the product increments it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt?: Date;
  retiredAt?: Date;
}

/**
 * An event a change causes, before it is wrapped in an envelope: the
 * repository records it (correlation ids come from the request) in the same
 * write as the change.
 */
export interface DomainEvent<T extends object = object> {
  contract: new () => T;
  data: T;
  occurredAt: Date;
}

function domainEvent<T extends object>(contract: new () => T, data: T, occurredAt: Date): DomainEvent<T> {
  return { contract, data, occurredAt };
}

/** A change of one product: its whole new state, written only while the stored revision is still `expectedRevision`. */
export interface ProductChange {
  productId: string;
  expectedRevision: number;
  state: ProductState;
  events: DomainEvent[];
  /** SKUs this change adds: their lookup rows are written before the product (see ProductRepository). */
  addedSkuIds?: string[];
}

/** The rules the platform configures (see catalog.settings.ts). */
export interface PriceRules {
  /** The one platform currency (ISO 4217). */
  currency: string;
  /** Hundredths of a BV point one currency unit may carry at most (1 point per unit → 100). */
  bvHundredthsPerUnit: number;
}

/** A SKU as ops describe it when creating a product or adding a SKU. */
export interface SkuInput {
  name: string;
  weightGrams: number;
  dimensions: Dimensions;
  retailPrice: Money;
  memberPrice: Money;
  bv: number;
}

export interface ProductInput {
  name: string;
  description?: string | null;
  categoryId: string;
  tags?: string[];
  imageUrls?: string[];
  skus: SkuInput[];
}

/** A change ops make to an existing SKU: any of its descriptive fields, and its prices (then they count as manual). */
export interface SkuPatch {
  skuId: string;
  name?: string;
  weightGrams?: number;
  dimensions?: Dimensions;
  retailPrice?: Money;
  memberPrice?: Money;
  bv?: number;
}

export interface ProductPatch {
  name?: string;
  description?: string | null;
  categoryId?: string;
  tags?: string[];
  imageUrls?: string[];
  /** Changes to existing SKUs (by `skuId`). */
  skus?: SkuPatch[];
  /** New SKUs, added as drafts (publish puts them on sale). */
  addSkus?: SkuInput[];
}

/** The new ids a creation or an added SKU gets (given, so the aggregate stays deterministic). */
export type IdSource = () => string;

const fractionDigitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (EUR 2, JPY 0), from the ICU data Node ships with. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Parse CATALOG_BV_POINTS_PER_UNIT ("1", "0.5", "2.25") into hundredths of a
 * point per currency unit, exactly (no float arithmetic on the rule).
 */
export function bvHundredthsPerUnit(setting: string): number {
  const [whole, frac = ''] = setting.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * The price rules of one SKU, null when they hold. `at` names the field in
 * the request (`skus[0]`), so a 422 says which SKU and which price.
 */
export function priceRefusal(
  sku: { retailPrice: Money; memberPrice: Money; bv: number },
  rules: PriceRules,
  at: string,
): DomainError | null {
  for (const key of ['retailPrice', 'memberPrice'] as const) {
    const price = sku[key];
    if (price.currency !== rules.currency)
      return DomainError.rule(`${at}.${key}.currency`, `prices are in the platform currency ${rules.currency}`);
    if (price.amount < 0) return DomainError.rule(`${at}.${key}.amount`, 'a price cannot be negative');
  }
  if (sku.memberPrice.amount > sku.retailPrice.amount)
    return DomainError.rule(`${at}.memberPrice.amount`, 'the member price cannot be above the retail price');
  if (sku.bv < 0) return DomainError.rule(`${at}.bv`, 'BV cannot be negative');
  // bv/100 points ≤ memberPrice/10^digits units × perUnit/100 points, in integers (BigInt: no overflow, no rounding).
  const digits = BigInt(currencyFractionDigits(rules.currency));
  const lhs = BigInt(sku.bv) * 10n ** digits;
  const rhs = BigInt(sku.memberPrice.amount) * BigInt(rules.bvHundredthsPerUnit);
  if (lhs > rhs) {
    const max = rhs / 10n ** digits;
    return DomainError.rule(
      `${at}.bv`,
      `BV ${sku.bv} is worth more points than the member price allows (at most ${max} hundredths of a point)`,
    );
  }
  return null;
}

function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/** A product of the catalog and its rules. */
export class Product {
  private constructor(readonly state: Readonly<ProductState>) {}

  static from(state: ProductState): Product {
    return new Product(state);
  }

  get id(): string {
    return this.state._id;
  }

  sku(skuId: string): SkuState | undefined {
    return this.state.skus.find((s) => s.skuId === skuId);
  }

  /** Active products are for everyone; ops also see drafts and retired ones. */
  visibleTo(roles: readonly string[]): boolean {
    return this.state.status === 'active' || roles.includes('ops');
  }

  /**
   * A new product, as a draft with draft SKUs: not on sale, so nothing is
   * announced yet (procurement may source it meanwhile). Prices are given by
   * ops and count as manual.
   */
  static create(id: string, input: ProductInput, rules: PriceRules, newId: IdSource, at: Date): ProductState | DomainError {
    if (input.skus.length < 1 || input.skus.length > MAX_SKUS)
      return DomainError.rule('skus', `a product has 1 to ${MAX_SKUS} SKUs`);
    const skus: SkuState[] = [];
    for (const [i, s] of input.skus.entries()) {
      const refusal = priceRefusal(s, rules, `skus[${i}]`);
      if (refusal) return refusal;
      skus.push(newSku(newId(), s));
    }
    return {
      _id: id,
      name: input.name,
      description: input.description ?? null,
      categoryId: input.categoryId,
      tags: normaliseTags(input.tags ?? []),
      imageUrls: input.imageUrls ?? [],
      status: 'draft',
      skus,
      revision: 0,
      createdAt: at,
      updatedAt: at,
    };
  }

  /**
   * Change the description, SKUs' descriptive fields or prices, or add draft
   * SKUs. A retired product or SKU does not change. A published product
   * announces the new description (ProductUpdated) and any hand-set price of
   * an active SKU (ProductPriceChanged, `manual`).
   */
  update(patch: ProductPatch, rules: PriceRules, newId: IdSource, at: Date): ProductChange | DomainError {
    const s = this.state;
    if (s.status === 'retired') return DomainError.rule('status', 'the product is retired');
    const skus = s.skus.map((sku) => ({ ...sku }));
    const repriced: SkuState[] = [];
    for (const [i, p] of (patch.skus ?? []).entries()) {
      const sku = skus.find((k) => k.skuId === p.skuId);
      if (!sku) return DomainError.rule(`skus[${i}].skuId`, 'the product has no such SKU');
      if (sku.status === 'retired') return DomainError.rule(`skus[${i}].skuId`, 'a retired SKU cannot be changed');
      if (p.name !== undefined) sku.name = p.name;
      if (p.weightGrams !== undefined) sku.weightGrams = p.weightGrams;
      if (p.dimensions !== undefined) sku.dimensions = { ...p.dimensions };
      const priced = p.retailPrice !== undefined || p.memberPrice !== undefined || p.bv !== undefined;
      if (priced) {
        const next = {
          retailPrice: p.retailPrice ?? sku.retailPrice,
          memberPrice: p.memberPrice ?? sku.memberPrice,
          bv: p.bv ?? sku.bv,
        };
        const refusal = priceRefusal(next, rules, `skus[${i}]`);
        if (refusal) return refusal;
        const changed =
          !sameMoney(next.retailPrice, sku.retailPrice) || !sameMoney(next.memberPrice, sku.memberPrice) || next.bv !== sku.bv;
        Object.assign(sku, next, { manual: true });
        if (changed && sku.status === 'active') repriced.push(sku);
      }
    }
    const addedSkuIds: string[] = [];
    for (const [i, input] of (patch.addSkus ?? []).entries()) {
      const refusal = priceRefusal(input, rules, `addSkus[${i}]`);
      if (refusal) return refusal;
      const added = newSku(newId(), input);
      skus.push(added);
      addedSkuIds.push(added.skuId);
    }
    if (skus.length > MAX_SKUS) return DomainError.rule('addSkus', `a product has at most ${MAX_SKUS} SKUs`);
    const state: ProductState = {
      ...s,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.categoryId !== undefined ? { categoryId: patch.categoryId } : {}),
      ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
      ...(patch.imageUrls !== undefined ? { imageUrls: patch.imageUrls } : {}),
      skus,
      updatedAt: at,
    };
    const events: DomainEvent[] = [];
    if (s.status === 'active') {
      events.push(domainEvent(ProductUpdated, updatedData(state, at), at));
      if (repriced.length) {
        events.push(
          domainEvent(
            ProductPriceChanged,
            {
              productId: s._id,
              prices: repriced.map((k) => ({ skuId: k.skuId, retailPrice: k.retailPrice, memberPrice: k.memberPrice, bv: k.bv })),
              reason: 'manual',
              pricingPolicyVersion: null,
              effectiveFrom: at.toISOString(),
            },
            at,
          ),
        );
      }
    }
    return { productId: s._id, expectedRevision: s.revision, state, events, ...(addedSkuIds.length ? { addedSkuIds } : {}) };
  }

  /**
   * Put the product and its draft SKUs on sale (ProductPublished with every
   * SKU on sale). Publishing again after SKUs were added puts those on sale too.
   */
  publish(at: Date): ProductChange | DomainError {
    const s = this.state;
    if (s.status === 'retired') return DomainError.rule('status', 'a retired product cannot be published');
    const drafts = s.skus.filter((k) => k.status === 'draft');
    if (s.status === 'active' && drafts.length === 0)
      return DomainError.rule('status', 'the product is already published and has no draft SKUs');
    const skus = s.skus.map((k) => (k.status === 'draft' ? { ...k, status: 'active' as const } : { ...k }));
    const state: ProductState = { ...s, status: 'active', skus, updatedAt: at, publishedAt: s.publishedAt ?? at };
    const onSale = skus.filter((k) => k.status === 'active');
    const event = domainEvent(
      ProductPublished,
      {
        productId: s._id,
        name: s.name,
        description: s.description,
        categoryId: s.categoryId,
        tags: s.tags,
        imageUrls: s.imageUrls,
        skus: onSale.map((k) => ({
          skuId: k.skuId,
          name: k.name,
          retailPrice: k.retailPrice,
          memberPrice: k.memberPrice,
          bv: k.bv,
          weightGrams: k.weightGrams,
          dimensions: { ...k.dimensions },
        })),
        publishedAt: at.toISOString(),
      },
      at,
    );
    return { productId: s._id, expectedRevision: s.revision, state, events: [event] };
  }

  /**
   * Take SKUs off sale (`skuIds`), or the whole product (none given). The
   * product is retired once no SKU of it is left; a retired SKU stays retired.
   */
  retire(skuIds: string[] | undefined, reason: string, at: Date): ProductChange | DomainError {
    const s = this.state;
    if (s.status === 'retired') return DomainError.rule('status', 'the product is already retired');
    let targets: string[];
    if (skuIds && skuIds.length) {
      for (const [i, id] of skuIds.entries()) {
        const sku = this.sku(id);
        if (!sku) return DomainError.rule(`skuIds[${i}]`, 'the product has no such SKU');
        if (sku.status === 'retired') return DomainError.rule(`skuIds[${i}]`, 'the SKU is already retired');
      }
      targets = [...new Set(skuIds)];
    } else {
      targets = s.skus.filter((k) => k.status !== 'retired').map((k) => k.skuId);
    }
    const retiring = new Set(targets);
    const skus = s.skus.map((k) => (retiring.has(k.skuId) ? { ...k, status: 'retired' as const } : { ...k }));
    const productRetired = skus.every((k) => k.status === 'retired');
    const state: ProductState = {
      ...s,
      skus,
      updatedAt: at,
      ...(productRetired ? { status: 'retired' as const, retiredAt: at } : {}),
    };
    const event = domainEvent(
      ProductRetired,
      { productId: s._id, skuIds: targets, reason, retiredAt: at.toISOString(), productRetired },
      at,
    );
    return { productId: s._id, expectedRevision: s.revision, state, events: [event] };
  }

  /**
   * New prices and BV for one SKU from the pricing policy or ops (see
   * ProductRepository.applySkuPricing). A retired SKU is not repriced.
   */
  static skuPricingRefusal(
    sku: SkuState,
    next: { retailPrice: Money; memberPrice: Money; bv: number },
    rules: PriceRules,
  ): DomainError | null {
    if (sku.status === 'retired') return DomainError.rule('skuId', 'a retired SKU cannot be changed');
    return priceRefusal(next, rules, 'sku');
  }
}

function newSku(skuId: string, s: SkuInput): SkuState {
  return {
    skuId,
    name: s.name,
    weightGrams: s.weightGrams,
    dimensions: { ...s.dimensions },
    retailPrice: { ...s.retailPrice },
    memberPrice: { ...s.memberPrice },
    bv: s.bv,
    status: 'draft',
    manual: true,
  };
}

/** Tags are search words: trimmed, lower case, each once, in the order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** The full current description, as ProductUpdated carries it. */
export function updatedData(state: ProductState, at: Date): ProductUpdated {
  return {
    productId: state._id,
    name: state.name,
    description: state.description,
    categoryId: state.categoryId,
    tags: state.tags,
    imageUrls: state.imageUrls,
    skus: state.skus.map((k) => ({
      skuId: k.skuId,
      name: k.name,
      weightGrams: k.weightGrams,
      dimensions: { ...k.dimensions },
      status: k.status,
    })),
    updatedAt: at.toISOString(),
  };
}
