import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale } from '../shared/i18n.ts';

/** What another system measured for a sub-criterion, as points, with the facts behind them in the caller's language. */
export interface MeasuredPoints {
  points: string;
  facts: string;
}

/** A sheet's sub-criteria → what was measured for them (the unit's, the set's and the year's facts). */
export type MeasuredPointsSource = (
  em: EntityManager,
  sheet: { unitId: number; criteriaSetId: number; year: number },
  locale: Locale,
) => Promise<Map<number, MeasuredPoints>>;

/**
 * The sources registered by the modules that measure (the monitoring of PAR activities, for area 1). Scoring
 * cannot import them (they build on scoring), so they hand their source over when their module loads.
 */
const sources: MeasuredPointsSource[] = [];

export function addMeasuredPointsSource(source: MeasuredPointsSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** Every source's figures for the sheet, by criterion id (a later source does not replace an earlier one's). */
export async function measuredPoints(
  em: EntityManager,
  sheet: { unitId: number; criteriaSetId: number; year: number },
  locale: Locale,
): Promise<Map<number, MeasuredPoints>> {
  const merged = new Map<number, MeasuredPoints>();
  for (const source of sources) {
    for (const [criterionId, measured] of await source(em, sheet, locale)) if (!merged.has(criterionId)) merged.set(criterionId, measured);
  }
  return merged;
}
