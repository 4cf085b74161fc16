import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BroadcastSubscription, ReadinessChecks, SERVICE_SETTINGS } from '@netdirect/runtime';
import { CatalogSettings } from '../catalog.settings';
import { pathNames, ParentOf, subtreeOf } from '../categories/category';
import { CategoryRepository } from '../categories/category.repository';
import { ProductRepository } from '../products/product.repository';
import { ProductSearch, SearchPage, SearchQuery } from './product-search';

/**
 * This replica's in-memory search index over the products on sale.
 *
 * It loads from the database only once the broadcast consumer is in place
 * (BroadcastSubscription), so a product changed during the load is either
 * read by the load or announced by an event still to come. Each product
 * event (any replica's, see ProductIndexConsumer) makes it re-read that
 * product by id and upsert or drop its entry; entries carry the product's
 * revision, so a late or repeated refresh never brings back an older state.
 * Categories have no events: the small tree is re-read every
 * CATALOG_SEARCH_CATEGORY_POLL.
 */
@Injectable()
export class SearchIndexService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SearchIndex');
  private readonly index = new ProductSearch();
  private tree: ParentOf = new Map();
  private names: ReadonlyMap<string, string> = new Map();
  private loading?: Promise<void>;
  private loaded = false;
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly products: ProductRepository,
    private readonly categories: CategoryRepository,
    private readonly broadcast: BroadcastSubscription,
    private readonly readiness: ReadinessChecks,
    @Inject(SERVICE_SETTINGS) private readonly settings: CatalogSettings,
  ) {}

  onModuleInit(): void {
    // A replica takes mall traffic only with its index loaded (searches would wait for it meanwhile).
    this.readiness.register('search-index', () => {
      if (!this.loaded) throw new Error(`loading: ${this.index.size} products on sale so far`);
      return { products: this.index.size };
    });
  }

  onApplicationBootstrap(): void {
    // Not awaited: the broadcast consumer starts after the application's bootstrap hooks.
    const loading = this.broadcast.started().then(() => this.load());
    this.loading = loading;
    loading.catch((e) => this.log.error(`search index load failed: ${(e as Error).message}`));
  }

  onApplicationShutdown(): void {
    clearInterval(this.poll);
  }

  /** Resolves once the index has loaded (searches wait for it). */
  ready(): Promise<void> {
    return this.loading ?? Promise.reject(new Error('the search index has not started'));
  }

  /** Re-read one product and bring its entry up to date. Idempotent; safe in any order. */
  async refresh(productId: string): Promise<void> {
    const product = await this.products.find(productId);
    // A product in a category this replica has not seen yet (made through another replica since
    // the last poll): read the tree now, so the product is not filed without its category path.
    if (product && !this.tree.has(product.state.categoryId)) await this.refreshCategories();
    this.index.upsert(productId, product?.state ?? null, (c) => this.categoryNames(c));
  }

  async search(query: Omit<SearchQuery, 'categories'> & { category?: string }): Promise<SearchPage> {
    await this.ready();
    const { category, ...rest } = query;
    return this.index.search({ ...rest, ...(category ? { categories: subtreeOf(category, this.tree) } : {}) });
  }

  get size(): number {
    return this.index.size;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    await this.refreshCategories();
    for await (const state of this.products.all()) {
      this.index.upsert(state._id, state, (c) => this.categoryNames(c));
    }
    this.loaded = true;
    this.log.log(`search index loaded: ${this.index.size} products on sale in ${Date.now() - started} ms`);
    this.poll = setInterval(() => {
      this.refreshCategories().catch((e) => this.log.warn(`category refresh failed: ${(e as Error).message}`));
    }, this.settings.CATALOG_SEARCH_CATEGORY_POLL);
    this.poll.unref();
  }

  /** Re-read the tree; re-index the products whose category names changed. */
  async refreshCategories(): Promise<void> {
    const all = await this.categories.all();
    const names = new Map(all.map((c) => [c._id, c.name]));
    const tree = new Map(all.map((c) => [c._id, c.parentId]));
    const same =
      names.size === this.names.size &&
      all.every((c) => this.names.get(c._id) === c.name && this.tree.get(c._id) === c.parentId);
    if (same) return;
    this.names = names;
    this.tree = tree;
    this.index.recategorise((c) => this.categoryNames(c));
  }

  private categoryNames(categoryId: string): string[] {
    return pathNames(categoryId, this.tree, this.names);
  }
}
