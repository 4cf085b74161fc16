import type { PlanVersion } from '../plan/plan';
import type { ComputedLine } from './model';
import { formatBps, formatMinor, formatPoints } from './units';

/** The longest explanation an event carries (CommissionLineFields.explanation). */
export const EXPLANATION_MAX = 1000;

/**
 * The human explanation of a commission line: the rule, the arithmetic with
 * its rounding, the plan version, the members skipped and why, and what was
 * not paid (rank limit, cap) and why — in words and numbers.
 */
export function explainLine(line: ComputedLine, plan: PlanVersion, currency: string): string {
  const money = (minor: number) => formatMinor(minor, currency);
  const parts: string[] = [];
  if (line.rule === 'retail-margin') {
    parts.push(
      `Retail margin on order ${line.orderId}, line ${line.orderLineId}: the sale at retail price earns its seller ` +
        `quantity × (retail unit price − member unit price) = ${money(line.uncappedMinor)}.`,
    );
  } else {
    const base = `${formatPoints(line.bv)} points × ${money(plan.pointValueMinor)} per point = ${money(line.baseMinor)} (truncated to the minor unit)`;
    parts.push(
      `Unilevel override, level ${line.level}, on order ${line.orderId}, line ${line.orderLineId}: base ${base}; ` +
        `${formatBps(line.rateBps)} of it = ${money(line.uncappedMinor)} (rounded toward zero).`,
    );
  }
  if (line.skipped.length > 0) {
    const shown = line.skipped.slice(0, 3).map((s) => `${s.memberId} (${s.reason})`);
    if (line.skipped.length > 3) shown.push(`${line.skipped.length - 3} more`);
    parts.push(`Skipped by compression before this level: ${shown.join(', ')}.`);
  }
  if (line.breakageMinor !== 0) {
    parts.push(`Not paid: ${money(line.breakageMinor)} — ${line.breakageReason ?? 'breakage'}.`);
  }
  parts.push(`Paid: ${money(line.amountMinor)}. Plan ${plan.planId} version ${plan.version} (${plan.name}).`);
  const text = parts.join(' ');
  return text.length <= EXPLANATION_MAX ? text : `${text.slice(0, EXPLANATION_MAX - 1)}…`;
}
