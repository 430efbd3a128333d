const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `value` as 'YYYY-MM-DD' if it names a real calendar day between 1945 and 2100, else null. */
export function parseIsoDate(value: string): string | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const year = Number(match[1]);
  return date.toISOString().slice(0, 10) === match[0] && year >= 1945 && year <= 2100 ? match[0] : null;
}

/** A calendar day 'YYYY-MM-DD' as Vietnamese documents (and the portal) write it, 'DD/MM/YYYY'; '' for none. */
export const dayText = (iso: string | null | undefined): string => (iso ? iso.split('-').reverse().join('/') : '');
