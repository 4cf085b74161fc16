import type { ProductState } from '../products/product';
import { BadCursor, ProductSearch } from './product-search';

const at = new Date('2026-03-01T10:00:00Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const names: Record<string, string[]> = { hair: ['Personal care', 'Hair'], kitchen: ['Home', 'Kitchen'] };
const categoryNames = (id: string) => names[id] ?? [];

function product(id: string, name: string, over: Partial<ProductState> = {}, prices: number[] = [1000]): ProductState {
  return {
    _id: id,
    name,
    description: null,
    categoryId: 'hair',
    tags: [],
    imageUrls: [],
    status: 'active',
    skus: prices.map((p, i) => ({
      skuId: `${id}-${i}`,
      name: 'x',
      weightGrams: 1,
      dimensions: { lengthMm: 1, widthMm: 1, heightMm: 1 },
      retailPrice: eur(p),
      memberPrice: eur(p),
      bv: 0,
      status: 'active',
      manual: true,
    })),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

describe('ProductSearch', () => {
  function index(): ProductSearch {
    const s = new ProductSearch();
    s.upsert('a', product('a', 'Lavender Shampoo', { tags: ['vegan'] }, [1290]), categoryNames);
    s.upsert('b', product('b', 'Rosemary Conditioner', {}, [990, 2490]), categoryNames);
    s.upsert('c', product('c', 'Chef Knife', { categoryId: 'kitchen' }, [4990]), categoryNames);
    return s;
  }
  const ids = (page: { items: { id: string }[] }) => page.items.map((p) => p.id);

  it('finds by name prefix and typo, and by category names and tags', () => {
    const s = index();
    expect(ids(s.search({ q: 'lavendr', limit: 10 }))).toEqual(['a']);
    expect(ids(s.search({ q: 'rosem', limit: 10 }))).toEqual(['b']);
    expect(ids(s.search({ q: 'kitchen', limit: 10 }))).toEqual(['c']);
    expect(ids(s.search({ q: 'vegan', limit: 10 }))).toEqual(['a']);
  });

  it('needs every word of a text (in the name, tags or category), and takes any word when no product has them all', () => {
    const s = index();
    s.upsert('d', product('d', 'Lavender Soap', { categoryId: 'kitchen', tags: ['vegan'] }, [500]), categoryNames);
    expect(ids(s.search({ q: 'lavender shampoo', limit: 10 }))).toEqual(['a']);
    // "hair" is a's category, "vegan" a's and d's tag: only a has both.
    expect(ids(s.search({ q: 'vegan hair', limit: 10 }))).toEqual(['a']);
    expect(ids(s.search({ q: 'lavender kitchen', limit: 10 }))).toEqual(['d']);
    // No product is both a knife and a conditioner: either will do.
    expect(ids(s.search({ q: 'knife conditioner', limit: 10 })).sort()).toEqual(['b', 'c']);
    expect(ids(s.search({ q: 'nothing like it', limit: 10 }))).toEqual([]);
  });

  it('ranks a name match above a tag or category match, and pages relevance without repeats', () => {
    const s = new ProductSearch();
    for (let i = 0; i < 30; i++) {
      const id = `t${String(i).padStart(2, '0')}`;
      s.upsert(id, product(id, `Item ${i}`, { tags: ['travel'] }), categoryNames);
    }
    s.upsert('named', product('named', 'Travel Kit'), categoryNames);
    const seen: string[] = [];
    let page = s.search({ q: 'travel', limit: 7 });
    expect(page.items[0].id).toBe('named');
    for (;;) {
      seen.push(...ids(page));
      if (!page.nextCursor) break;
      page = s.search({ q: 'travel', limit: 7, cursor: page.nextCursor });
    }
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    // Equal scores come in id order.
    expect(seen.slice(1)).toEqual([...seen.slice(1)].sort());
  });

  it('filters by category set and by any SKU on sale in the price range; sorts by the lowest price', () => {
    const s = index();
    expect(ids(s.search({ categories: new Set(['hair']), limit: 10 }))).toEqual(['a', 'b']);
    expect(ids(s.search({ minPrice: 2000, maxPrice: 3000, limit: 10 }))).toEqual(['b']);
    expect(ids(s.search({ sort: 'price_asc', limit: 10 }))).toEqual(['b', 'a', 'c']);
    expect(ids(s.search({ sort: 'price_desc', limit: 10 }))).toEqual(['c', 'a', 'b']);
  });

  it('pages by cursor without repeats or gaps, and refuses a cursor of another sort', () => {
    const s = index();
    const first = s.search({ sort: 'name', limit: 2 });
    expect(ids(first)).toEqual(['c', 'a']);
    const second = s.search({ sort: 'name', limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['b']);
    expect(second.nextCursor).toBeUndefined();
    expect(() => s.search({ sort: 'price_asc', limit: 2, cursor: first.nextCursor })).toThrow(BadCursor);
    expect(() => s.search({ limit: 2, cursor: 'bm9wZQ' })).toThrow(BadCursor);
  });

  it('drops retired products and drafts, and never goes back to an older revision', () => {
    const s = index();
    expect(s.upsert('a', product('a', 'Lavender Shampoo', { status: 'retired', revision: 3 }), categoryNames)).toBe(true);
    expect(s.has('a')).toBe(false);
    // A late refresh that read revision 2 (still active) does not bring it back.
    expect(s.upsert('a', product('a', 'Lavender Shampoo', { revision: 2 }), categoryNames)).toBe(false);
    expect(s.has('a')).toBe(false);
    s.upsert('d', product('d', 'Draft', { status: 'draft' }), categoryNames);
    expect(s.has('d')).toBe(false);
    expect(s.size).toBe(2);
  });

  it('re-indexes products when a category is renamed', () => {
    const s = index();
    names.kitchen = ['Home', 'Cookware'];
    expect(s.recategorise(categoryNames)).toBe(1);
    expect(ids(s.search({ q: 'cookware', limit: 10 }))).toEqual(['c']);
    expect(ids(s.search({ q: 'kitchen', limit: 10 }))).toEqual([]);
    names.kitchen = ['Home', 'Kitchen'];
  });
});
