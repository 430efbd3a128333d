import { currentLocale } from './i18n';

/**
 * The one place numbers and dates become text, in the reader's language: Vietnamese `0,5`, `95,98`, `10/02/2023`,
 * `14:20 10/02/2023`; English `0.5`, `95.98`, `10/02/2023`, `10/02/2023, 14:20`. Every page formats through here.
 */
const intlLocale = () => (currentLocale() === 'vi' ? 'vi-VN' : 'en-GB');

/** Formats a decimal string such as "1.50" the way the reader expects ("1,5" in Vietnamese). */
export function formatPoints(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return Number(value).toLocaleString(intlLocale(), { maximumFractionDigits: 2 });
}

/** A count or a rounded number ("1.234" in Vietnamese). */
export const formatNumber = (value: number): string => value.toLocaleString(intlLocale(), { maximumFractionDigits: 0 });

/** A calendar date, "2023-02-10" or a full timestamp, as dd/mm/yyyy (a bare date is read as that day, in no time zone). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Date(bare ? `${value}T00:00:00Z` : value).toLocaleDateString(intlLocale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(bare ? { timeZone: 'UTC' } : {}),
  });
}

/** A moment: the date as dd/mm/yyyy and the time to the minute. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Date(value).toLocaleString(intlLocale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "10/02/2023" (also "10-2-2023", "10.02.2023", or "2023-02-10") → "2023-02-10"; null when it is no real day. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = trimmed.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  const match = iso ? [trimmed, iso[3], iso[2], iso[1]] : trimmed.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "14:20" (also "14h20", "14.20", "9:5", "1420") → "14:20" on a 24-hour clock; null when it is no time of day. */
export function parseTime(text: string): string | null {
  const match = text.trim().match(/^(\d{1,2})(?:[:h.]\s*(\d{1,2})?|(\d{2}))?$/i);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2] ?? match[3] ?? 0)];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The reader's local day ("2023-02-10") and time ("14:20") of an instant; both '' when there is none. */
export function localDayAndTime(instant: string | null | undefined): { day: string; time: string } {
  const date = instant ? new Date(instant) : null;
  if (!date || Number.isNaN(date.getTime())) return { day: '', time: '' };
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The instant (ISO 8601) of a local day ("2023-02-10") at a local time ("14:20"); null when either is missing. */
export function instantFrom(day: string, time: string | null): string | null {
  if (!day || !time) return null;
  const date = new Date(`${day}T${time}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `datetime-local` inputs hold local "YYYY-MM-DDTHH:mm"; the API wants an instant. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The local "YYYY-MM-DDTHH:mm" of an instant, for a `datetime-local` input. */
export function toLocalInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
