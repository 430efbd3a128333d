import { CriterionKind, type ScoringBand } from '../criteria/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { domainError } from '../shared/errors.ts';

interface ScoredCriterion {
  code: string;
  kind: CriterionKind;
  maxPoints: string;
  bands: ScoringBand[];
}

/** 'Có: 1; Chậm: 0.5; 0 – 2' — the allowed values and ranges, for messages. */
export const describeBands = (bands: ScoringBand[]) =>
  bands.map((band) => (band.minPoints === band.maxPoints ? band.maxPoints : `${band.minPoints}–${band.maxPoints}`)).join('; ');

/** Survey items take their points from the survey import: the unit saves nothing on them. */
export function assertSelfScored(criterion: Pick<ScoredCriterion, 'code' | 'kind'>): void {
  if (criterion.kind !== CriterionKind.SURVEY) return;
  throw domainError(
    'SURVEY_NOT_SELF_SCORED',
    {
      vi: `Tiêu chí ${criterion.code} lấy điểm từ điều tra xã hội học, đơn vị không tự chấm.`,
      en: `${criterion.code} is scored by the sociological survey, not by the unit.`,
    },
    { field: 'points' },
  );
}

/**
 * A self-score in hundredths, or a clear error: at most two decimals (BAD_USER_INPUT), never
 * negative, never above the maximum, and one of the fixed values or inside a range of the
 * sub-criterion's bands. Survey items are never self-scored.
 */
export function validatePoints(criterion: ScoredCriterion, text: string): number {
  assertSelfScored(criterion);
  const value = toHundredths(text, 'points');
  if (value < 0) {
    throw domainError('POINTS_NEGATIVE', { vi: 'Điểm không được âm.', en: 'Points cannot be negative.' }, { field: 'points' });
  }
  const max = toHundredths(criterion.maxPoints, 'maxPoints');
  if (value > max) {
    throw domainError(
      'POINTS_ABOVE_MAX',
      {
        vi: `Điểm vượt quá điểm tối đa ${criterion.maxPoints} của tiêu chí ${criterion.code}.`,
        en: `Points exceed the maximum of ${criterion.maxPoints} for ${criterion.code}.`,
      },
      { field: 'points', maxPoints: criterion.maxPoints },
    );
  }
  const allowed =
    criterion.bands.length === 0 ||
    criterion.bands.some((band) => {
      const low = toHundredths(band.minPoints, 'bands');
      const high = toHundredths(band.maxPoints, 'bands');
      return value >= low && value <= high;
    });
  if (!allowed) {
    const bands = describeBands(criterion.bands);
    throw domainError(
      'POINTS_NOT_ALLOWED',
      {
        vi: `Điểm ${fromHundredths(value)} không thuộc các mức điểm của tiêu chí ${criterion.code} (${bands}).`,
        en: `${fromHundredths(value)} is not one of the allowed points for ${criterion.code} (${bands}).`,
      },
      { field: 'points', bands: criterion.bands },
    );
  }
  return value;
}
