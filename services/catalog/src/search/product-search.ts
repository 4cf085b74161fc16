import MiniSearch from 'minisearch';
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
  /** The name as the name sort compares it (lower case). */
  sortName: string;
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

/** The hits of one text, best first (products as listed when the hits were made: the cache empties on every change). */
interface TextHits {
  docs: ListedProduct[];
  scores: Float64Array;
}

/** The products one query term finds, in id order (see {@link idOrder}), with the term's score for each. */
interface TermHits {
  ids: string[];
  orders: Float64Array;
  scores: Float64Array;
}

/**
 * Texts whose ranked hits are kept, and terms whose hits are kept: at 100,000
 * products a text's hits take up to about 200 KB, a term's up to 300 KB, so
 * the two caches stay within a few tens of MB.
 */
const HIT_CACHE_SIZE = 512;
const TERM_CACHE_SIZE = 256;

interface DocFields {
  id: string;
  name: string;
}

/**
 * How much a query word found among a product's tags or category names adds
 * to its relevance. Those words are facets, matched exactly from a posting
 * list and not scored by frequency: a tag on a fifth of the catalogue costs a
 * lookup per product instead of a relevance computation, which is what kept
 * broad words over the latency budget. Name matches are ranked by minisearch
 * (prefix, typos, term weights); a name match usually outranks a facet match.
 */
const TAG_WEIGHT = 2;
const CATEGORY_WEIGHT = 1;
/** Name relevance weighs this much against the facet weights above. */
const NAME_BOOST = 3;

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null | undefined | false;

/** The distinct index terms of a text, as minisearch would make them. */
function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.add(term);
  }
  return [...terms];
}

/**
 * Products on sale and their search. Entries are upserted from a product's
 * current state and applied only if that state is at least as new as the one
 * the entry was built from (the product's revision), so refreshes that race
 * or arrive out of order cannot bring back an older state.
 */
export class ProductSearch {
  private readonly mini = new MiniSearch<DocFields>({ fields: ['name'], storeFields: [] });
  /** Facet word (of tags and category names) → the products carrying it, with its weight for each. */
  private readonly facets = new Map<string, Map<string, number>>();
  /** A facet word's carriers in id order, kept until that word's carriers change (not on every change). */
  private readonly facetLists = new Map<string, TermHits>();
  private readonly docs = new Map<string, ListedProduct>();
  /** Newest revision seen per product, listed or not (a retired product is remembered, so an older "active" read cannot re-list it). */
  private readonly seen = new Map<string, number>();
  private byName?: ListedProduct[];
  private byPrice?: ListedProduct[];
  private byPriceDesc?: ListedProduct[];
  /** Hits of recent texts and of recent terms, least recently used first (see {@link textHits}). */
  private readonly hitCache = new Map<string, TextHits>();
  private readonly termCache = new Map<string, TermHits>();

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
    const previous = this.docs.get(id);
    if (previous) this.unindex(previous);
    if (listed) {
      this.docs.set(id, listed);
      this.index(listed);
    } else {
      this.docs.delete(id);
    }
    this.byName = undefined;
    this.byPrice = undefined;
    this.byPriceDesc = undefined;
    this.hitCache.clear();
    this.termCache.clear();
    return true;
  }

  /** Re-index the products whose category path of names changed (a category renamed or moved). */
  recategorise(categoryNames: (categoryId: string) => string[]): number {
    let changed = 0;
    for (const doc of this.docs.values()) {
      const names = categoryNames(doc.categoryId);
      if (names.join('\u0000') === doc.categoryNames.join('\u0000')) continue;
      this.unindex(doc);
      doc.categoryNames = names;
      this.index(doc);
      changed++;
    }
    if (changed) {
      this.hitCache.clear();
      this.termCache.clear();
    }
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

    if (q) {
      const hits = this.textHits(q);
      if (sort === 'relevance') {
        // The hits are in relevance order already: walk them from the cursor to a page of matches.
        const page: { doc: ListedProduct; key: Key }[] = [];
        let kept = 0;
        for (let i = 0; i < hits.docs.length && kept < MAX_TEXT_MATCHES && page.length <= query.limit; i++) {
          const doc = hits.docs[i];
          if (!matches(doc)) continue;
          kept++;
          const key = keyOf(doc, sort, hits.scores[i]);
          if (!after || compareKeys(key, after) > 0) page.push({ doc, key });
        }
        return pageOf(page, query.limit, sort);
      }
      // Another sort ranks only the best matches by relevance, then orders those.
      let ranked: { doc: ListedProduct; key: Key }[] = [];
      for (let i = 0; i < hits.docs.length && ranked.length < MAX_TEXT_MATCHES; i++) {
        const doc = hits.docs[i];
        if (matches(doc)) ranked.push({ doc, key: keyOf(doc, sort) });
      }
      ranked.sort((a, b) => compareKeys(a.key, b.key));
      if (after) ranked = ranked.filter((r) => compareKeys(r.key, after) > 0);
      return pageOf(ranked.slice(0, query.limit + 1), query.limit, sort);
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
   * Every hit of a text, best first. A product must match every word of the
   * text (in its name, tags or category names), as a mall shopper expects of
   * "vanilla tea"; if no product matches them all, any word will do. Its
   * relevance is the sum of its words' scores. A mall asks the same texts and
   * words again and again (and again for each next page), so the hits of
   * recent texts and terms are kept until the index next changes: a change
   * empties both caches, so an answer is never staler than the index.
   */
  private textHits(q: string): TextHits {
    const key = q.toLowerCase();
    const cached = lruGet(this.hitCache, key);
    if (cached) return cached;
    const perTerm = termsOf(q).map((term) => this.termHits(term));
    let ranked = allOf(perTerm);
    if (ranked.ids.length === 0 && perTerm.length > 1) ranked = anyOf(perTerm);
    const hits = rankByScore(ranked, this.docs);
    lruSet(this.hitCache, key, hits, HIT_CACHE_SIZE);
    return hits;
  }

  /** One term's hits: its name matches scored by minisearch (with prefixes and typos), plus its facet weight. */
  private termHits(term: string): TermHits {
    const cached = lruGet(this.termCache, term);
    if (cached) return cached;
    const named = this.mini.search(term, nameQuery);
    const facet = this.facetList(term);
    let hits: TermHits;
    if (named.length === 0) hits = facet;
    else {
      const ids = named.map((r) => r.id as string);
      const orders = new Float64Array(ids.length);
      for (let i = 0; i < ids.length; i++) orders[i] = idOrder(ids[i]);
      const index = Array.from(ids, (_, i) => i).sort((x, y) => compareIds(orders[x], ids[x], orders[y], ids[y]));
      const byId: TermHits = {
        ids: index.map((i) => ids[i]),
        orders: Float64Array.from(index, (i) => orders[i]),
        scores: Float64Array.from(index, (i) => named[i].score * NAME_BOOST),
      };
      hits = facet.ids.length ? sumOf(byId, facet) : byId;
    }
    lruSet(this.termCache, term, hits, TERM_CACHE_SIZE);
    return hits;
  }

  /** A facet word's carriers with their weights, in id order (sorted once per change of that word). */
  private facetList(term: string): TermHits {
    const kept = this.facetLists.get(term);
    if (kept) return kept;
    const carriers = this.facets.get(term);
    const ids = carriers ? [...carriers.keys()] : [];
    const orders = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) orders[i] = idOrder(ids[i]);
    const index = Array.from(ids, (_, i) => i).sort((x, y) => compareIds(orders[x], ids[x], orders[y], ids[y]));
    const weights = carriers ? [...carriers.values()] : [];
    const list: TermHits = {
      ids: index.map((i) => ids[i]),
      orders: Float64Array.from(index, (i) => orders[i]),
      scores: Float64Array.from(index, (i) => weights[i]),
    };
    if (carriers) this.facetLists.set(term, list);
    return list;
  }

  private index(p: ListedProduct): void {
    this.mini.add({ id: p.id, name: p.name });
    for (const [term, weight] of facetTerms(p)) {
      let carriers = this.facets.get(term);
      if (!carriers) this.facets.set(term, (carriers = new Map()));
      carriers.set(p.id, weight);
      this.facetLists.delete(term);
    }
  }

  private unindex(p: ListedProduct): void {
    this.mini.discard(p.id);
    for (const [term] of facetTerms(p)) {
      const carriers = this.facets.get(term);
      carriers?.delete(p.id);
      if (carriers?.size === 0) this.facets.delete(term);
      this.facetLists.delete(term);
    }
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
 * On names: whole words, prefixes ("sham" → shampoo) and typos (one edit in
 * words of 4+ letters). Two edits cost an order of magnitude more over a large
 * vocabulary (every SKU code is a term) and blew the p99 budget at 100,000
 * products. Words with digits are codes ("500ml", "x2k"): a typo in a code is
 * another code, and a fuzzy walk over thousands of codes sharing a prefix took
 * over 100 ms, so codes match exactly or as prefixes.
 */
const nameQuery = {
  combineWith: 'OR',
  prefix: true,
  fuzzy: (term: string) => (term.length >= 4 && !/\d/.test(term) ? 1 : 0),
  maxFuzzy: 1,
} as const;

/** A product's facet words, each with its weight (a word both a tag and a category name counts as a tag). */
function facetTerms(p: ListedProduct): Map<string, number> {
  const terms = new Map<string, number>();
  for (const term of termsOf(p.categoryNames.join(' '))) terms.set(term, CATEGORY_WEIGHT);
  for (const term of termsOf(p.tags.join(' '))) terms.set(term, TAG_WEIGHT);
  return terms;
}

/**
 * A number that orders ids as their strings do for the first six characters
 * (ASCII; shorter first), so sorting compares numbers and only compares the
 * strings on a tie. The hits keep the order of `[score, id]` keys, which the
 * cursors of every replica rely on.
 */
function idOrder(id: string): number {
  let order = 0;
  for (let i = 0; i < 6; i++) order = order * 129 + (i < id.length ? Math.min(id.charCodeAt(i), 127) + 1 : 0);
  return order;
}

function compareIds(ao: number, a: string, bo: number, b: string): number {
  return ao - bo || (a < b ? -1 : a > b ? 1 : 0);
}

/** The products found by every term, with the sum of their scores (a merge of id-ordered lists). */
function allOf(lists: TermHits[]): TermHits {
  if (lists.length === 0) return { ids: [], orders: new Float64Array(0), scores: new Float64Array(0) };
  if (lists.length === 1) return lists[0];
  const [first, ...rest] = [...lists].sort((a, b) => a.ids.length - b.ids.length);
  const at = rest.map(() => 0);
  const ids: string[] = [];
  const orders: number[] = [];
  const scores: number[] = [];
  candidates: for (let i = 0; i < first.ids.length; i++) {
    const id = first.ids[i];
    const order = first.orders[i];
    let score = first.scores[i];
    for (let k = 0; k < rest.length; k++) {
      const list = rest[k];
      let j = at[k];
      while (j < list.ids.length && compareIds(list.orders[j], list.ids[j], order, id) < 0) j++;
      at[k] = j;
      if (j === list.ids.length || list.ids[j] !== id) continue candidates;
      score += list.scores[j];
    }
    ids.push(id);
    orders.push(order);
    scores.push(score);
  }
  return { ids, orders: Float64Array.from(orders), scores: Float64Array.from(scores) };
}

/** The products found by either of two id-ordered lists, with the sum of their scores, in id order. */
function sumOf(a: TermHits, b: TermHits): TermHits {
  const ids: string[] = [];
  const orders: number[] = [];
  const scores: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const c = i === a.ids.length ? 1 : j === b.ids.length ? -1 : compareIds(a.orders[i], a.ids[i], b.orders[j], b.ids[j]);
    if (c <= 0) {
      ids.push(a.ids[i]);
      orders.push(a.orders[i]);
      scores.push(a.scores[i] + (c === 0 ? b.scores[j++] : 0));
      i++;
    } else {
      ids.push(b.ids[j]);
      orders.push(b.orders[j]);
      scores.push(b.scores[j++]);
    }
  }
  return { ids, orders: Float64Array.from(orders), scores: Float64Array.from(scores) };
}

/** The products found by any term, with the sum of their scores, in id order. */
function anyOf(lists: TermHits[]): TermHits {
  return lists.reduce(sumOf);
}

/**
 * Best first; equal scores in id order, as the relevance sort's `[-score, id]`
 * keys compare. The hits come in id order and the sort is stable, so it only
 * compares scores (a broad tag is thousands of equal scores: one pass).
 */
function rankByScore(hits: TermHits, docs: ReadonlyMap<string, ListedProduct>): TextHits {
  const index = Array.from(hits.ids, (_, i) => i);
  index.sort((x, y) => hits.scores[y] - hits.scores[x]);
  return { docs: index.map((i) => docs.get(hits.ids[i])!), scores: Float64Array.from(index, (i) => hits.scores[i]) };
}

function lruGet<T>(cache: Map<string, T>, key: string): T | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

function lruSet<T>(cache: Map<string, T>, key: string, value: T, size: number): void {
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value as string);
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
      return [doc.sortName, doc.id];
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
    sortName: state.name.toLowerCase(),
  };
}
