import { Inject, Injectable } from '@nestjs/common';
import { DomainError, SERVICE_SETTINGS } from '@netdirect/runtime';
import { OrdersSettings } from '../orders.settings';
import { MarketRules, parseMarketRules } from './market-rules';

/** The market rules from ORDERS_MARKETS (validated at boot). */
@Injectable()
export class Markets {
  private readonly rules: Map<string, MarketRules>;

  constructor(@Inject(SERVICE_SETTINGS) settings: OrdersSettings) {
    const parsed = parseMarketRules(settings.ORDERS_MARKETS);
    if (Array.isArray(parsed)) throw new Error(`ORDERS_MARKETS ${parsed.join('; ')}`);
    this.rules = parsed;
  }

  /** The rules of a market, or a 422 naming `market`. */
  of(market: string): MarketRules | DomainError {
    return this.rules.get(market) ?? DomainError.rule('market', `orders are not taken in market ${market}`);
  }
}
