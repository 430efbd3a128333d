import { CriterionKind } from '../criteria/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';

/** One sub-criterion's points as the totals see them (decimal strings). */
export interface PointsLine {
  kind: CriterionKind;
  applicable: boolean;
  maxPoints: string;
  selfPoints: string | null;
  round1: string | null;
  round2: string | null;
}

/** The shared final-score rule: round 2 if present, else round 1, else the self-score. */
export const finalOf = (line: Pick<PointsLine, 'selfPoints' | 'round1' | 'round2'>): string | null =>
  line.round2 ?? line.round1 ?? line.selfPoints;

const hundredths = (value: string | null) => (value === null ? 0 : toHundredths(value, 'points'));

/** Sum in hundredths of `pick` over the applicable lines of `kind`. */
export function sumOf(lines: PointsLine[], kind: CriterionKind, pick: (line: PointsLine) => string | null): number {
  return lines.filter((line) => line.kind === kind && line.applicable).reduce((sum, line) => sum + hundredths(pick(line)), 0);
}

export interface Caps { bonus: number; deduction: number }

/** Configured caps, or by default the maxima of the set's bonus and deduction sections. */
export function effectiveCaps(lines: PointsLine[], configured: { bonusCap: string | null; deductionCap: string | null }): Caps {
  const maxOf = (kind: CriterionKind) => lines.filter((line) => line.kind === kind).reduce((sum, line) => sum + hundredths(line.maxPoints), 0);
  return {
    bonus: configured.bonusCap !== null ? hundredths(configured.bonusCap) : maxOf(CriterionKind.BONUS),
    deduction: configured.deductionCap !== null ? hundredths(configured.deductionCap) : maxOf(CriterionKind.DEDUCTION),
  };
}

export function sheetTotals(lines: PointsLine[], caps: Caps) {
  return {
    selfPoints: fromHundredths(sumOf(lines, CriterionKind.SELF_SCORED, (line) => line.selfPoints)),
    finalPoints: fromHundredths(sumOf(lines, CriterionKind.SELF_SCORED, finalOf)),
    bonusProposed: fromHundredths(sumOf(lines, CriterionKind.BONUS, (line) => line.selfPoints)),
    bonusAwarded: fromHundredths(sumOf(lines, CriterionKind.BONUS, finalOf)),
    bonusCap: fromHundredths(caps.bonus),
    deduction: fromHundredths(sumOf(lines, CriterionKind.DEDUCTION, finalOf)),
    deductionCap: fromHundredths(caps.deduction),
  };
}
