import MiniSearch, { Query } from 'minisearch';
import type { ProductState } from '../products/product';

/*
 * The mall's listing and search, in memory: plain code over minisearch (no
 * NestJS, no database), so it is unit-tested on its own and the service
 * around it (search-index.service.ts) only feeds it.
 */

/** What the mall lists of one SKU on sale. */
export interface ListedSku {
  skuId: string;
  name: string;
  retailPrice: { amount: number; currency: string };
  memberPrice: { amount: number; currency: string };
  bv: number;
}

/** One product on sale as the index holds it. */
export interface ListedProduct {
  id: string;
  name: string;
  categoryId: string;
  /** The category's path of names, root first (searchable). */
  categoryNames: string[];
  tags: string[];
  imageUrls: string[];
  skus: ListedSku[];
  /** The lowest retail price of its SKUs on sale: price filters and the price sort use it ("from 12.90"). */
  fromPrice: number;
  currency: string;
  /** The product's revision this entry was built from. */
  revision: number;
}

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'name'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchQuery {
  q?: string;
  /** Products in any of these categories (a category and its subcategories). */
  categories?: ReadonlySet<string>;
  /** Retail, minor units, inclusive: a product matches if one of its SKUs on sale is in range. */
  minPrice?: number;
  maxPrice?: number;
  sort?: SearchSort;
  /** Opaque, from a previous page of the same query. */
  cursor?: string;
  limit: number;
}

export interface SearchPage {
  items: ListedProduct[];
  /** The cursor of the next page, absent on the last one. */
  nextCursor?: string;
}

/** A cursor that does not belong to this query's sort (or was tampered with). */
export class BadCursor extends Error {}

/** How many best matches of a text query are ranked and paged at most: the top results, not every match. */
export const MAX_TEXT_MATCHES = 1000;

type Key = [number | string, string];

/** The hits of one text, best first. */
interface TextHits {
  ids: string[];
  scores: Float64Array;
}

/** Texts whose hits are kept (at most ~20,000 hits each at 100,000 products: a few MB in all). */
const HIT_CACHE_SIZE = 128;

interface DocFields {
  id: string;
  name: string;
  categoryNames: string;
  tags: string;
}

/**
 * Products on sale and their search. Entries are upserted from a product's
 * current state and applied only if that state is at least as new as the one
 * the entry was built from (the product's revision), so refreshes that race
 * or arrive out of order cannot bring back an older state.
 */
export class ProductSearch {
  private readonly mini = new MiniSearch<DocFields>({
    fields: ['name', 'categoryNames', 'tags'],
    storeFields: [],
    searchOptions: { boost: { name: 3, tags: 2 } },
  });
  private readonly docs = new Map<string, ListedProduct>();
  /** Newest revision seen per product, listed or not (a retired product is remembered, so an older "active" read cannot re-list it). */
  private readonly seen = new Map<string, number>();
  private byName?: ListedProduct[];
  private byPrice?: ListedProduct[];
  private byPriceDesc?: ListedProduct[];
  /** Hits of recent texts, least recently used first (see {@link textHits}). */
  private readonly hitCache = new Map<string, TextHits>();

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /**
   * Bring one product's entry up to `state` (null: it no longer exists). A
   * product is listed while it is active with at least one SKU on sale.
   * Returns false if `state` was older than what the index already saw.
   */
  upsert(id: string, state: ProductState | null, categoryNames: (categoryId: string) => string[]): boolean {
    const revision = state?.revision ?? Number.MAX_SAFE_INTEGER;
    const seen = this.seen.get(id);
    if (seen !== undefined && revision < seen) return false;
    this.seen.set(id, revision);
    const listed = state ? toListed(state, categoryNames(state.categoryId)) : null;
    if (this.docs.has(id)) this.mini.discard(id);
    if (listed) {
      this.docs.set(id, listed);
      this.mini.add(toFields(listed));
    } else {
      this.docs.delete(id);
    }
    this.byName = undefined;
    this.byPrice = undefined;
    this.byPriceDesc = undefined;
    this.hitCache.clear();
    return true;
  }

  /** Re-index the products whose category path of names changed (a category renamed or moved). */
  recategorise(categoryNames: (categoryId: string) => string[]): number {
    let changed = 0;
    for (const doc of this.docs.values()) {
      const names = categoryNames(doc.categoryId);
      if (names.join('\u0000') === doc.categoryNames.join('\u0000')) continue;
      doc.categoryNames = names;
      this.mini.discard(doc.id);
      this.mini.add(toFields(doc));
      changed++;
    }
    if (changed) this.hitCache.clear();
    return changed;
  }

  search(query: SearchQuery): SearchPage {
    const q = query.q?.trim();
    const sort: SearchSort = query.sort ?? (q ? 'relevance' : 'name');
    const matches = (p: ListedProduct) =>
      (!query.categories || query.categories.has(p.categoryId)) &&
      (query.minPrice === undefined && query.maxPrice === undefined
        ? true
        : p.skus.some(
            (k) =>
              (query.minPrice === undefined || k.retailPrice.amount >= query.minPrice) &&
              (query.maxPrice === undefined || k.retailPrice.amount <= query.maxPrice),
          ));
    const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;

    let ranked: { doc: ListedProduct; key: Key }[];
    if (q) {
      // minisearch returns hits by score: every sort ranks only the best matches.
      ranked = [];
      const hits = this.textHits(q);
      for (let i = 0; i < hits.ids.length && ranked.length < MAX_TEXT_MATCHES; i++) {
        const doc = this.docs.get(hits.ids[i]);
        if (doc && matches(doc)) ranked.push({ doc, key: keyOf(doc, sort, hits.scores[i]) });
      }
      ranked.sort((a, b) => compareKeys(a.key, b.key));
      if (after) ranked = ranked.filter((r) => compareKeys(r.key, after) > 0);
      const page = ranked.slice(0, query.limit + 1);
      return pageOf(page, query.limit, sort);
    }
    // No text: walk the whole catalogue in sort order from the cursor, keeping only matches.
    const ordered = this.ordered(sort);
    let start = 0;
    if (after) {
      let lo = 0;
      let hi = ordered.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareKeys(keyOf(ordered[mid], sort), after) <= 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page: { doc: ListedProduct; key: Key }[] = [];
    for (let i = start; i < ordered.length && page.length <= query.limit; i++) {
      if (matches(ordered[i])) page.push({ doc: ordered[i], key: keyOf(ordered[i], sort) });
    }
    return pageOf(page, query.limit, sort);
  }

  /**
   * Every hit of a text, best first. Scoring is what costs (about 2 µs per
   * matching product: a tag on a fifth of 100,000 products takes 35 ms), and
   * a mall asks the same words again and again (and again for each next
   * page), so the hits of recent texts are kept until the index next changes:
   * a change empties the cache, so an answer is never staler than the index.
   */
  private textHits(q: string): TextHits {
    const key = q.toLowerCase();
    const cached = this.hitCache.get(key);
    if (cached) {
      // Refresh its place in the LRU order.
      this.hitCache.delete(key);
      this.hitCache.set(key, cached);
      return cached;
    }
    const results = this.mini.search(textQuery(q));
    const hits: TextHits = { ids: results.map((r) => r.id as string), scores: Float64Array.from(results, (r) => r.score) };
    this.hitCache.set(key, hits);
    if (this.hitCache.size > HIT_CACHE_SIZE) this.hitCache.delete(this.hitCache.keys().next().value as string);
    return hits;
  }

  /** The listed products in a sort order without text; kept until the next change. */
  private ordered(sort: SearchSort): ListedProduct[] {
    if (sort === 'name' || sort === 'relevance') {
      this.byName ??= [...this.docs.values()].sort((a, b) => compareKeys(keyOf(a, 'name'), keyOf(b, 'name')));
      return this.byName;
    }
    if (sort === 'price_asc') {
      this.byPrice ??= [...this.docs.values()].sort((a, b) => compareKeys(keyOf(a, 'price_asc'), keyOf(b, 'price_asc')));
      return this.byPrice;
    }
    // Descending by price, ties still by id ascending: not the reverse of byPrice.
    this.byPriceDesc ??= [...this.docs.values()].sort((a, b) => compareKeys(keyOf(a, 'price_desc'), keyOf(b, 'price_desc')));
    return this.byPriceDesc;
  }
}

/**
 * Words anywhere in name, category names and tags; on the name also prefixes
 * ("sham" → shampoo) and typos (one edit in words of 4+ letters). Two edits
 * cost an order of magnitude more over a large vocabulary (every SKU code is
 * a term) and blew the p99 budget at 100,000 products.
 */
function textQuery(q: string): Query {
  return {
    combineWith: 'OR',
    queries: [
      {
        queries: [q],
        fields: ['name'],
        prefix: true,
        fuzzy: (term: string) => (term.length >= 4 ? 1 : 0),
        maxFuzzy: 1,
        boost: { name: 3 },
      },
      { queries: [q], fields: ['categoryNames', 'tags'], prefix: false, fuzzy: false, boost: { tags: 2 } },
    ],
  };
}

function keyOf(doc: ListedProduct, sort: SearchSort, score = 0): Key {
  switch (sort) {
    case 'relevance':
      return [-score, doc.id];
    case 'price_asc':
      return [doc.fromPrice, doc.id];
    case 'price_desc':
      return [-doc.fromPrice, doc.id];
    case 'name':
      return [doc.name.toLowerCase(), doc.id];
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function pageOf(page: { doc: ListedProduct; key: Key }[], limit: number, sort: SearchSort): SearchPage {
  const more = page.length > limit;
  const items = page.slice(0, limit);
  return {
    items: items.map((r) => r.doc),
    ...(more ? { nextCursor: encodeCursor(sort, items[items.length - 1].key) } : {}),
  };
}

function encodeCursor(sort: SearchSort, key: Key): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key[0], i: key[1] }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: SearchSort): Key {
  let parsed: { s?: unknown; k?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor('cursor is not one this service returned');
  }
  const keyOk = typeof parsed?.k === 'number' || typeof parsed?.k === 'string';
  if (!keyOk || typeof parsed.i !== 'string') throw new BadCursor('cursor is not one this service returned');
  if (parsed.s !== sort) throw new BadCursor(`cursor belongs to another sort (${String(parsed.s)})`);
  return [parsed.k as number | string, parsed.i];
}

function toListed(state: ProductState, categoryNames: string[]): ListedProduct | null {
  if (state.status !== 'active') return null;
  const skus = state.skus
    .filter((k) => k.status === 'active')
    .map((k) => ({
      skuId: k.skuId,
      name: k.name,
      retailPrice: { amount: k.retailPrice.amount, currency: k.retailPrice.currency },
      memberPrice: { amount: k.memberPrice.amount, currency: k.memberPrice.currency },
      bv: k.bv,
    }));
  if (!skus.length) return null;
  return {
    id: state._id,
    name: state.name,
    categoryId: state.categoryId,
    categoryNames,
    tags: state.tags ?? [],
    imageUrls: state.imageUrls ?? [],
    skus,
    fromPrice: Math.min(...skus.map((k) => k.retailPrice.amount)),
    currency: skus[0].retailPrice.currency,
    revision: state.revision,
  };
}

function toFields(p: ListedProduct): DocFields {
  return { id: p.id, name: p.name, categoryNames: p.categoryNames.join(' '), tags: p.tags.join(' ') };
}
