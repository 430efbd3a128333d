import { formatPoints } from '../shared/format';

/** "+2,5" / "−1,25" / "0": a change in percentage points, signed. */
export function formatChange(value: string | null | undefined): string {
  if (value == null) return '–';
  const number = Number(value);
  return `${number > 0 ? '+' : number < 0 ? '−' : ''}${formatPoints(String(Math.abs(number)))}`;
}

export const changeClass = (value: string | null | undefined) =>
  value == null ? '' : Number(value) > 0 ? 'up' : Number(value) < 0 ? 'down' : '';

/**
 * A unit's name short enough for a chart axis: "UBND huyện Mỹ Đức" → "Mỹ Đức", "Sở Tài chính" → "Tài chính", "UBND thị
 * xã Sơn Tây" → "Sơn Tây". The full name stays in tooltips and tables.
 */
export function shortUnitName(name: string): string {
  const short = name
    .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '')
    .replace(/^(thành phố|thị xã|quận|huyện|phường|xã|thị trấn)\s+/i, '')
    .replace(/^(Sở|Ban|Văn phòng)\s+/, '');
  return short || name;
}
