import { formatPoints } from '../shared/format';

/** "+2,5" / "−1,25" / "0": a change in percentage points, signed. */
export function formatChange(value: string | null | undefined): string {
  if (value == null) return '–';
  const number = Number(value);
  return `${number > 0 ? '+' : number < 0 ? '−' : ''}${formatPoints(String(Math.abs(number)))}`;
}

export const changeClass = (value: string | null | undefined) =>
  value == null ? '' : Number(value) > 0 ? 'up' : Number(value) < 0 ? 'down' : '';
