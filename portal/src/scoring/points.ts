import { formatPoints } from '../shared/format';

export interface Band {
  label: string;
  minPoints: string;
  maxPoints: string;
}

/** The check the server makes, run as the user types so the message appears at once. */
export type PointsCheck = { ok: true; value: string | null } | { ok: false; key: string; params?: Record<string, string> };

const hundredths = (text: string) => Math.round(Number(text) * 100);

/** '1 | 0,5 | 0' or 'từ 0 đến 2': the allowed values, as shown next to the input. */
export function describeBands(bands: Band[], rangeLabel: (min: string, max: string) => string): string {
  return bands
    .map((band) =>
      band.minPoints === band.maxPoints
        ? formatPoints(band.maxPoints)
        : rangeLabel(formatPoints(band.minPoints), formatPoints(band.maxPoints)),
    )
    .join(' | ');
}

/**
 * Reads what the user typed ('0,5' or '0.5'; empty = no score) and checks it against the
 * maximum and the bands. Returns the decimal text to send, or the message key to show.
 */
export function checkPoints(input: string, maxPoints: string, bands: Band[], bandsText: string): PointsCheck {
  const text = input.trim().replace(',', '.');
  if (text === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, key: 'scoring.invalid.number' };
  if ((text.split('.')[1] ?? '').replace(/0+$/, '').length > 2) return { ok: false, key: 'scoring.invalid.decimals' };
  const value = hundredths(text);
  if (value < 0) return { ok: false, key: 'scoring.invalid.negative' };
  if (value > hundredths(maxPoints)) return { ok: false, key: 'scoring.invalid.aboveMax', params: { max: formatPoints(maxPoints) } };
  const allowed = bands.length === 0 || bands.some((band) => value >= hundredths(band.minPoints) && value <= hundredths(band.maxPoints));
  if (!allowed) return { ok: false, key: 'scoring.invalid.notAllowed', params: { bands: bandsText } };
  return { ok: true, value: text };
}

/** '1.50' → '1,5' in Vietnamese: what the input shows for a saved score. */
export const pointsForInput = (points: string | null | undefined) => (points == null ? '' : formatPoints(points));
