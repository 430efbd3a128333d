import { currentLocale } from './i18n';

const numberLocale = () => (currentLocale() === 'vi' ? 'vi-VN' : 'en-GB');

/** Formats a decimal string such as "1.50" the way the reader expects ("1,5" in Vietnamese). */
export function formatPoints(value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString(numberLocale(), { maximumFractionDigits: 2 });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Date(value).toLocaleString(numberLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}
