import { applyRate, FULL_RATE_BPS } from '@netdirect/contracts';
import { lineBase, rankLimitReason, retailMarginOf } from './compute-period';
import { lineOf } from './computed-line';
import type { ComputedLine, EstimateOrderInput, SkippedMember } from './model';
import { formatBps } from './units';

/**
 * The real-time estimate of one paid order: the same rules as the close
 * (retail margin, unilevel overrides with dynamic compression over each
 * line's upline snapshot, rank-limited depth), but qualification and rank come
 * from the last closed period's standings; an operator with none counts as
 * qualified at the lowest rank. The payout cap is period-wide, so it applies
 * only at the close (which adjusts the estimate).
 */
export function estimateOrder(input: EstimateOrderInput): ComputedLine[] {
  const { plan, members, lastStandings } = input;
  const lowest = plan.ranks[0]?.id ?? null;
  const rankLevels = new Map(plan.ranks.map((r) => [r.id, r]));
  const out: ComputedLine[] = [];

  const skipReasonOf = (id: string): string | null => {
    const m = members.get(id);
    if (!m) return `${id} is not in the network`;
    if (m.kind !== 'operator') return 'consumer: only operators earn overrides';
    if (!m.active) return 'operator not active';
    const s = lastStandings.get(id);
    if (s && !s.qualified) return 'not qualified in the last closed period';
    return null;
  };

  for (const line of input.lines) {
    const base = lineBase(line.bv, plan.pointValueMinor);
    if (plan.retailMargin.enabled && line.priceKind === 'retail' && line.sellerId !== null) {
      const margin = retailMarginOf(line);
      const capBps = plan.retailMargin.maxShareOfSaleBps ?? null;
      const paid = capBps === null ? margin : Math.min(margin, applyRate(line.quantity * line.unitPriceMinor, capBps));
      out.push(
        lineOf(line, line.sellerId, 'retail-margin', 0, margin, FULL_RATE_BPS, margin, paid, [],
          paid < margin ? `retail margin capped at ${formatBps(capBps ?? 0)} of the sale` : null),
      );
    }
    let level = 0;
    let skipped: SkippedMember[] = [];
    for (const id of line.upline) {
      if (level >= plan.overrideRatesBps.length) break;
      const reason = skipReasonOf(id);
      if (reason !== null) {
        skipped.push({ memberId: id, reason });
        continue;
      }
      level++;
      const rate = plan.overrideRatesBps[level - 1];
      const uncapped = applyRate(base, rate);
      const standing = lastStandings.get(id);
      const rankId = standing ? standing.rank : lowest;
      const rank = rankId === null ? undefined : rankLevels.get(rankId);
      const unlocked = rank !== undefined && rank.maxLevel >= level;
      const reasonNotPaid = unlocked || uncapped === 0 ? null : rankLimitReason(rank, level);
      out.push(lineOf(line, id, 'unilevel-override', level, base, rate, uncapped, unlocked ? uncapped : 0, skipped, reasonNotPaid));
      skipped = [];
    }
  }
  return out;
}
