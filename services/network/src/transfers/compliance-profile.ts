import { POSITION_TRANSFER_REASONS } from '@netdirect/contracts';

export type TransferReason = (typeof POSITION_TRANSFER_REASONS)[number];

/** Why the default profile refuses each reason it does not allow. */
const REFUSALS: Record<TransferReason, string> = {
  sale: 'a position may not be sold for money: paying for a downline is a mark of a pyramid scheme, so positions pass only by inheritance, incapacity, a change of legal entity or a gift',
  inheritance: 'this market does not allow passing a position by inheritance',
  incapacity: 'this market does not allow passing a position on incapacity',
  'legal-entity-change': 'this market does not allow moving a position to another legal entity',
  gift: 'this market does not allow giving a position away',
};

/** The default profile: every reason except a sale. */
export const DEFAULT_TRANSFER_REASONS: readonly TransferReason[] = [
  'inheritance',
  'incapacity',
  'legal-entity-change',
  'gift',
];

/** Which transfer reasons each market allows; markets not listed use the default. */
export class TransferPolicy {
  constructor(private readonly byMarket: ReadonlyMap<string, readonly TransferReason[]> = new Map()) {}

  /**
   * Parse `US=inheritance,gift,sale;DE=inheritance` (NETWORK_TRANSFER_REASONS).
   * Throws on an unknown reason so a typo stops the service at boot.
   */
  static parse(spec: string): TransferPolicy {
    const map = new Map<string, TransferReason[]>();
    for (const part of spec.split(';').filter(Boolean)) {
      const [market, list] = part.split('=');
      const reasons = list.split(',');
      for (const r of reasons) {
        if (!(POSITION_TRANSFER_REASONS as readonly string[]).includes(r)) {
          throw new Error(
            `NETWORK_TRANSFER_REASONS: unknown reason "${r}" for ${market}; known: ${POSITION_TRANSFER_REASONS.join(', ')}`,
          );
        }
      }
      map.set(market, reasons as TransferReason[]);
    }
    return new TransferPolicy(map);
  }

  allowedIn(market: string): readonly TransferReason[] {
    return this.byMarket.get(market) ?? DEFAULT_TRANSFER_REASONS;
  }

  /** Null when allowed, otherwise the reason for refusing, fit to show the requester. */
  refusal(market: string, reason: TransferReason): string | null {
    if (this.allowedIn(market).includes(reason)) return null;
    return `${REFUSALS[reason]} (market ${market} allows: ${this.allowedIn(market).join(', ') || 'none'})`;
  }
}
