import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

/**
 * Portal modules are typed by the portal's own tsconfig (bundler resolution, DOM types), not this one's: they are
 * loaded here through a computed path, which this project's type check does not follow.
 */
const portal = (file: string) => import(path.resolve('portal/src', `${file}.ts`));
const { bilingual } = await portal('shared/bilingual');
const criteriaMessages = bilingual((await import(path.resolve('portal/src/criteria/messages.json'))).default);
const { formatDate, formatPoints, instantFrom, localDayAndTime, parseDate, parseTime } = await portal('shared/format');
const { i18n } = await portal('shared/i18n');
const { shortUnitName } = await portal('results/format');

/** The portal's one formatting layer and its plurals, in both languages (issue 12, item 7 and 9). */
const use = (locale: 'vi' | 'en') => {
  i18n.global.locale.value = locale;
};

describe('numbers and dates in the reader’s language', () => {
  beforeEach(() => use('vi'));

  it('writes Vietnamese decimals with a comma and no trailing zeros', () => {
    expect(formatPoints('0.50')).toBe('0,5');
    expect(formatPoints('95.98')).toBe('95,98');
    expect(formatPoints('10.00')).toBe('10');
    expect(formatPoints(null)).toBe('–');
    use('en');
    expect(formatPoints('0.50')).toBe('0.5');
  });

  it('writes dates as dd/mm/yyyy whatever the time zone, in both languages', () => {
    expect(formatDate('2023-02-10')).toBe('10/02/2023');
    use('en');
    expect(formatDate('2023-02-10')).toBe('10/02/2023');
  });

  it('reads typed dates as day/month/year, refusing days that do not exist', () => {
    expect(parseDate('10/02/2023')).toBe('2023-02-10');
    expect(parseDate(' 5-3-2024 ')).toBe('2024-03-05');
    expect(parseDate('2023-02-10')).toBe('2023-02-10');
    expect(parseDate('31/02/2023')).toBeNull();
    expect(parseDate('02/10')).toBeNull();
  });

  it('reads typed times on the 24-hour clock, refusing times that do not exist', () => {
    expect(parseTime('14:20')).toBe('14:20');
    expect(parseTime(' 9h5 ')).toBe('09:05');
    expect(parseTime('7.30')).toBe('07:30');
    expect(parseTime('1420')).toBe('14:20');
    expect(parseTime('8')).toBe('08:00');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('12:60')).toBeNull();
    expect(parseTime('2 PM')).toBeNull();
  });

  it('splits an instant into the reader’s local day and time, and joins them back to the same instant', () => {
    const instant = new Date(2026, 11, 1, 9, 30).toISOString(); // 9:30 on 1 December 2026, local time
    expect(localDayAndTime(instant)).toEqual({ day: '2026-12-01', time: '09:30' });
    expect(instantFrom('2026-12-01', '09:30')).toBe(instant);
    expect(instantFrom('2026-12-01', null)).toBeNull();
    expect(instantFrom('', '09:30')).toBeNull();
    expect(localDayAndTime('')).toEqual({ day: '', time: '' });
  });

  it('names units on chart axes by a readable short name', () => {
    expect(shortUnitName('UBND huyện Mỹ Đức')).toBe('Mỹ Đức');
    expect(shortUnitName('UBND thị xã Sơn Tây')).toBe('Sơn Tây');
    expect(shortUnitName('Sở Tài chính')).toBe('Tài chính');
    expect(shortUnitName('UBND quận Ba Đình')).toBe('Ba Đình');
  });
});

describe('plurals through the i18n layer', () => {
  beforeEach(() => {
    for (const locale of ['vi', 'en'] as const) i18n.global.setLocaleMessage(locale, criteriaMessages[locale]);
  });

  it('says "1 point" and "2 points" in English, "1 điểm" and "2 điểm" in Vietnamese', () => {
    const { t } = i18n.global;
    use('en');
    expect(t('criteria.points', { points: '1' }, 1)).toBe('1 point');
    expect(t('criteria.points', { points: '2' }, 2)).toBe('2 points');
    expect(t('criteria.points', { points: '0.5' }, 0.5)).toBe('0.5 points');
    use('vi');
    expect(t('criteria.points', { points: '1' }, 1)).toBe('1 điểm');
    expect(t('criteria.points', { points: '2' }, 2)).toBe('2 điểm');
  });
});
