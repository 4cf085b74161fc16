import { parseDuration } from '@netdirect/runtime';

/**
 * What an order's market decides: the shipping fee (flat, free from a
 * subtotal), the VAT rate included in prices, and the return rules (the
 * return window after delivery, the withdrawal period within which a full
 * return also gets the outbound shipping back, the restocking fee outside it,
 * and the share of the price a buy-back pays and for how long after buying). Amounts are minor units of the
 * platform currency, rates basis points, periods milliseconds.
 */
export interface MarketRules {
  market: string;
  shippingFee: number;
  /** Subtotal from which shipping is free; null: never free. */
  freeShippingFrom: number | null;
  vatBps: number;
  returnWindowMs: number;
  withdrawalMs: number;
  restockingFeeBps: number;
  buyBackBps: number;
  /** How long after buying an operator may sell stock back (optional setting `buyBackPeriod`, 365 days unset). */
  buyBackPeriodMs: number;
}

/** The markets of a fresh checkout, so a demo runs without configuration. */
export const DEFAULT_MARKETS =
  '{"DE":{"shippingFee":495,"freeShippingFrom":5000,"vatBps":1900,"returnWindow":"30d","withdrawal":"14d","restockingFeeBps":1000,"buyBackBps":9000},' +
  '"AT":{"shippingFee":590,"freeShippingFrom":6000,"vatBps":2000,"returnWindow":"30d","withdrawal":"14d","restockingFeeBps":1500,"buyBackBps":9000}}';

const KEYS = ['shippingFee', 'freeShippingFrom', 'vatBps', 'returnWindow', 'withdrawal', 'restockingFeeBps', 'buyBackBps', 'buyBackPeriod'];

/**
 * Parse `ORDERS_MARKETS` (a JSON object keyed by ISO 3166-1 alpha-2 market):
 * the rules per market, or the list of what is wrong (each naming market and field).
 */
export function parseMarketRules(text: string): Map<string, MarketRules> | string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return ['is not valid JSON'];
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return ['must be a JSON object keyed by market'];
  const errors: string[] = [];
  const markets = new Map<string, MarketRules>();
  for (const [market, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[A-Z]{2}$/.test(market)) errors.push(`${market}: a market is an ISO 3166-1 alpha-2 code`);
    if (!value || typeof value !== 'object') {
      errors.push(`${market}: must be an object`);
      continue;
    }
    const v = value as Record<string, unknown>;
    for (const k of Object.keys(v)) if (!KEYS.includes(k)) errors.push(`${market}.${k}: unknown setting`);
    const int = (k: string, max: number, nullable = false): number | null => {
      const x = v[k];
      if (nullable && (x === null || x === undefined)) return null;
      if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0 || x > max) {
        errors.push(`${market}.${k}: must be an integer from 0 to ${max}`);
        return 0;
      }
      return x;
    };
    const duration = (k: string, unset?: string): number => {
      try {
        return parseDuration(String(v[k] ?? unset));
      } catch {
        errors.push(`${market}.${k}: must be a duration such as 14d`);
        return 0;
      }
    };
    markets.set(market, {
      market,
      shippingFee: int('shippingFee', 1_000_000) ?? 0,
      freeShippingFrom: int('freeShippingFrom', Number.MAX_SAFE_INTEGER, true),
      vatBps: int('vatBps', 10_000) ?? 0,
      returnWindowMs: duration('returnWindow'),
      withdrawalMs: duration('withdrawal'),
      restockingFeeBps: int('restockingFeeBps', 10_000) ?? 0,
      buyBackBps: int('buyBackBps', 10_000) ?? 0,
      buyBackPeriodMs: duration('buyBackPeriod', '365d'),
    });
  }
  if (markets.size === 0) errors.push('must name at least one market');
  return errors.length ? errors : markets;
}
