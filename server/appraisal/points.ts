import type { ScoringBand } from '../criteria/criteria.entity.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { badInput } from '../shared/errors.ts';

export interface PointsRule {
  code: string;
  maxPoints: string;
  bands: ScoringBand[];
}

const describeBand = (band: ScoringBand) => (band.minPoints === band.maxPoints ? band.minPoints : `${band.minPoints}–${band.maxPoints}`);

/**
 * Appraised points are validated like self-scores: a number with at most two decimals, never
 * negative, never above the maximum, and one of the allowed values or inside a band.
 * Returns integer hundredths.
 */
export function checkPoints(rule: PointsRule, value: string, field = 'points'): number {
  const points = toHundredths(value, field);
  if (points < 0) {
    throw badInput(field, { vi: 'Điểm không được âm.', en: 'Points cannot be negative.' }, { reason: 'NEGATIVE' });
  }
  const max = toHundredths(rule.maxPoints, 'maxPoints');
  if (points > max) {
    throw badInput(field, {
      vi: `Điểm ${fromHundredths(points)} vượt quá điểm tối đa ${rule.maxPoints} của tiêu chí ${rule.code}.`,
      en: `${fromHundredths(points)} is above the maximum ${rule.maxPoints} of ${rule.code}.`,
    }, { reason: 'ABOVE_MAX', maxPoints: rule.maxPoints });
  }
  const fits = rule.bands.length === 0 || rule.bands.some((band) =>
    points >= toHundredths(band.minPoints, 'bands') && points <= toHundredths(band.maxPoints, 'bands'));
  if (!fits) {
    const allowed = rule.bands.map(describeBand).join('; ');
    throw badInput(field, {
      vi: `Điểm ${fromHundredths(points)} không thuộc các mức cho phép của tiêu chí ${rule.code}: ${allowed}.`,
      en: `${fromHundredths(points)} is not an allowed value for ${rule.code}: ${allowed}.`,
    }, { reason: 'NOT_ALLOWED', allowed });
  }
  return points;
}
