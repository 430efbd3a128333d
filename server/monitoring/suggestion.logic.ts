import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { badInput, domainError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import { PlanKind } from './plan.entity.ts';
import { MonitoringMeasure, type SuggestionBand } from './suggestion.entity.ts';

/** What the monitoring system knows of one unit's year (one row of suggestion.read.ts's statement). */
export interface UnitYearFacts {
  planDeadline: string | null;
  plans: Record<'PAR' | 'INSPECTION' | 'COMMUNICATION', { documentNumber: string | null; issueDate: string | null } | undefined>;
  tasksTotal: number;
  tasksDoneOnTime: number;
  cityTotal: number;
  cityDone: number;
  periods: number;
  reportsSubmitted: number;
  reportsOnTime: number;
  planned: number | null;
  inspected: number;
  found: number;
  handled: number;
}

export interface Measured {
  /** 0–100; null when the facts cannot say (nothing planned yet). */
  value: number | null;
  facts: Localized;
}

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
const vn = (value: number) => String(value).replace('.', ',');

/**
 * `part` of `whole` as a rate, 0–100 (a whole of 0 measures `none`); its facts are what `counted` says of "part/whole"
 * in Vietnamese and English, followed by the rate: "14/16 nhiệm vụ hoàn thành đúng hạn (87,5%)."
 */
function rate(part: number, whole: number, none: Measured, counted: (n: string) => [vi: string, en: string]): Measured {
  if (!whole) return none;
  const value = Math.min(100, percent(part, whole));
  const [vi, en] = counted(`${part}/${whole}`);
  return { value, facts: { vi: `${vi} (${vn(value)}%).`, en: `${en} (${value}%).` } };
}

const NO_TASKS: Measured = { value: null, facts: { vi: 'Kế hoạch chưa có nhiệm vụ.', en: 'The plan has no tasks yet.' } };
const NO_CITY_TASKS: Measured = {
  value: null,
  facts: { vi: 'Không có nhiệm vụ được Thành phố giao.', en: 'No task assigned by the city.' },
};
const NO_PLANNED_COUNT: Measured = {
  value: null,
  facts: { vi: 'Kế hoạch kiểm tra chưa ghi số đơn vị.', en: 'The inspection plan has no count.' },
};
const NO_SHORTCOMING: Measured = { value: 100, facts: { vi: 'Kiểm tra không phát hiện tồn tại, hạn chế.', en: 'No shortcoming found.' } };

const PLAN_NAMES: Record<'PAR' | 'INSPECTION' | 'COMMUNICATION', Localized> = {
  PAR: { vi: 'Kế hoạch CCHC năm', en: 'The annual PAR plan' },
  INSPECTION: { vi: 'Kế hoạch kiểm tra CCHC', en: 'The inspection plan' },
  COMMUNICATION: { vi: 'Kế hoạch tuyên truyền CCHC', en: 'The communication plan' },
};

function planOnTime(facts: UnitYearFacts, kind: 'PAR' | 'INSPECTION' | 'COMMUNICATION'): Measured {
  const plan = facts.plans[kind];
  const name = PLAN_NAMES[kind];
  if (!plan?.issueDate) return { value: 0, facts: { vi: `${name.vi}: chưa ban hành.`, en: `${name.en}: not issued.` } };
  const number = plan.documentNumber ? ` ${plan.documentNumber}` : '';
  const onTime = facts.planDeadline === null || plan.issueDate <= facts.planDeadline;
  const deadline = facts.planDeadline ? dmy(facts.planDeadline) : '';
  return {
    value: onTime ? 100 : 50,
    facts: {
      vi: `${name.vi}${number} ban hành ngày ${dmy(plan.issueDate)}, ${onTime ? 'đúng hạn' : 'chậm hạn'} (hạn ${deadline}).`,
      en: `${name.en}${number} issued on ${dmy(plan.issueDate)}, ${onTime ? 'on time' : 'late'} (deadline ${deadline}).`,
    },
  };
}

/** The measure's value for the unit's year and the facts behind it, in both languages. */
export function measure(kind: MonitoringMeasure, facts: UnitYearFacts): Measured {
  switch (kind) {
    case MonitoringMeasure.PLAN_ON_TIME:
      return planOnTime(facts, 'PAR');
    case MonitoringMeasure.INSPECTION_PLAN_ON_TIME:
      return planOnTime(facts, 'INSPECTION');
    case MonitoringMeasure.COMMUNICATION_PLAN_ON_TIME:
      return planOnTime(facts, 'COMMUNICATION');
    case MonitoringMeasure.TASKS_ON_TIME_RATE:
      return rate(facts.tasksDoneOnTime, facts.tasksTotal, NO_TASKS, (n) => [
        `${n} nhiệm vụ hoàn thành đúng hạn`,
        `${n} tasks done on time`,
      ]);
    case MonitoringMeasure.CITY_TASKS_DONE_RATE:
      return rate(facts.cityDone, facts.cityTotal, NO_CITY_TASKS, (n) => [
        `${n} nhiệm vụ được UBND Thành phố giao đã hoàn thành`,
        `${n} city-assigned tasks done`,
      ]);
    case MonitoringMeasure.REPORTS_ON_TIME: {
      const { periods, reportsSubmitted: sent, reportsOnTime: onTime } = facts;
      if (!periods) return { value: null, facts: { vi: 'Chưa có kỳ báo cáo.', en: 'No report period yet.' } };
      const value = sent < periods ? 0 : onTime < periods ? 50 : 100;
      return {
        value,
        facts: {
          vi: `${sent}/${periods} báo cáo đã gửi; ${onTime}/${periods} báo cáo đúng hạn.`,
          en: `${sent}/${periods} reports submitted; ${onTime}/${periods} on time.`,
        },
      };
    }
    case MonitoringMeasure.INSPECTED_RATE:
      return rate(facts.inspected, facts.planned ?? 0, NO_PLANNED_COUNT, (n) => [`Đã kiểm tra ${n} đơn vị`, `${n} inspected`]);
    case MonitoringMeasure.SHORTCOMINGS_HANDLED_RATE:
      return rate(facts.handled, facts.found, NO_SHORTCOMING, (n) => [`Đã xử lý ${n} tồn tại, hạn chế`, `${n} shortcomings handled`]);
  }
}

/** The points of the highest band `value` reaches (bands are checked: one starts at 0). */
export function pointsFor(bands: SuggestionBand[], value: number): string {
  const band = [...bands].sort((a, b) => b.atLeast - a.atLeast).find((candidate) => value >= candidate.atLeast);
  return band ? band.points : '0.00';
}

/** Bands as the secretariat gives them: thresholds 0–100, one from 0, points never above the sub-criterion's maximum. */
export function checkBands(bands: SuggestionBand[], maxPoints: string): SuggestionBand[] {
  if (!bands.some((band) => band.atLeast === 0)) {
    throw badInput('bands', { vi: 'Cần một mức bắt đầu từ 0.', en: 'One band must start at 0.' });
  }
  const max = toHundredths(maxPoints, 'maxPoints');
  return bands.map((band, index) => {
    if (!Number.isFinite(band.atLeast) || band.atLeast < 0 || band.atLeast > 100) {
      throw badInput(`bands.${index}.atLeast`, { vi: 'Ngưỡng phải từ 0 đến 100.', en: 'A threshold must be from 0 to 100.' });
    }
    const points = toHundredths(band.points, `bands.${index}.points`);
    if (points > max) {
      throw domainError(
        'BAND_ABOVE_MAX',
        {
          vi: `Mức điểm ${band.points} vượt điểm tối đa ${maxPoints} của tiêu chí.`,
          en: `Band points ${band.points} exceed the criterion's maximum ${maxPoints}.`,
        },
        { field: `bands.${index}.points` },
      );
    }
    return { atLeast: band.atLeast, points: fromHundredths(points) };
  });
}

/**
 * The monitoring documents behind a measure, which adopting its suggestion links as evidence: the plans it
 * judges, the outputs of the tasks it counts (`ON_TIME`: done on time; `CITY`: city-assigned and done), the
 * inspections' conclusions. Periodic reports are forms in the monitoring system, with no file of their own.
 */
export interface DocumentsBehind {
  plans: PlanKind[];
  tasks: 'ON_TIME' | 'CITY' | null;
  inspections: boolean;
}

export const DOCUMENTS_BEHIND: Record<MonitoringMeasure, DocumentsBehind> = {
  [MonitoringMeasure.PLAN_ON_TIME]: { plans: [PlanKind.PAR], tasks: null, inspections: false },
  [MonitoringMeasure.INSPECTION_PLAN_ON_TIME]: { plans: [PlanKind.INSPECTION], tasks: null, inspections: false },
  [MonitoringMeasure.COMMUNICATION_PLAN_ON_TIME]: { plans: [PlanKind.COMMUNICATION], tasks: null, inspections: false },
  [MonitoringMeasure.TASKS_ON_TIME_RATE]: { plans: [PlanKind.PAR], tasks: 'ON_TIME', inspections: false },
  [MonitoringMeasure.CITY_TASKS_DONE_RATE]: { plans: [PlanKind.PAR], tasks: 'CITY', inspections: false },
  [MonitoringMeasure.REPORTS_ON_TIME]: { plans: [], tasks: null, inspections: false },
  [MonitoringMeasure.INSPECTED_RATE]: { plans: [PlanKind.INSPECTION], tasks: null, inspections: true },
  [MonitoringMeasure.SHORTCOMINGS_HANDLED_RATE]: { plans: [], tasks: null, inspections: true },
};

/** The titles plans are filed under as evidence (Vietnamese, as the documents are), the year appended. */
export const PLAN_TITLES: Record<PlanKind, string> = {
  PAR: 'Kế hoạch cải cách hành chính',
  INSPECTION: 'Kế hoạch kiểm tra công tác cải cách hành chính',
  COMMUNICATION: 'Kế hoạch tuyên truyền cải cách hành chính',
};
