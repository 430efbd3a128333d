import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AnnualPlan,
  DEFAULT_REPORT_TEMPLATE,
  Inspection,
  PeriodicReport,
  PlanKind,
  ReportKind,
  ReportPeriod,
  ReportStatus,
} from '../../monitoring/index.ts';
import { Unit } from '../../units/index.ts';
import { REPORT_DEADLINES_2023, sontayCommunes, sontayReports } from '../data/monitoring-2023.ts';
import type { SeedStepDefinition } from '../seed.ts';
import { random } from './monitoring.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 9:00 in Hà Nội on `date` plus `days`. */
const at = (date: string, days: number) => new Date(Date.parse(`${date}T02:00:00Z`) + days * DAY);

type Outcome = 'ON_TIME' | 'LATE' | 'RETURNED' | 'MISSING' | 'DRAFT';

/** Mostly on time, some late, a few returned for correction, some never sent. */
const outcomeOf = (draw: number): Outcome => (draw < 0.7 ? 'ON_TIME' : draw < 0.84 ? 'LATE' : draw < 0.9 ? 'RETURNED' : 'MISSING');

/** Plausible figures for a unit's report, growing through the year. */
function figures(rand: () => number, period: number, district: boolean): Record<string, number | string> {
  const scale = (period + 1) / 4;
  const received = Math.round((district ? 18_000 : 6_000) * scale * (0.6 + rand() * 0.8));
  const online = Math.round(received * (0.5 + rand() * 0.4));
  return {
    inspectionsHeld: Math.round((district ? 12 : 4) * scale * rand()),
    direction: 'Ban hành đầy đủ văn bản chỉ đạo, điều hành CCHC theo Kế hoạch.',
    legalDocumentsIssued: Math.round(6 * scale * rand()),
    proceduresSimplified: Math.round(10 * scale * rand()),
    dossiersReceived: received,
    dossiersOnline: online,
    dossiersOnTime: Math.round(received * (0.95 + rand() * 0.05)),
    staffTrained: Math.round(150 * scale * (0.5 + rand())),
    fullyOnlineServices: Math.round(40 + rand() * 80),
    difficulties: 'Hạ tầng công nghệ thông tin tại một số đơn vị cấp xã chưa đồng bộ.',
  };
}

function report(
  em: EntityManager,
  unit: Unit,
  period: ReportPeriod,
  outcome: Outcome,
  values: Record<string, number | string>,
  rand: () => number,
) {
  if (outcome === 'MISSING') return;
  const first = outcome === 'LATE' ? at(period.deadline, 2 + Math.floor(rand() * 20)) : at(period.deadline, -Math.floor(rand() * 10));
  const submitted = outcome !== 'DRAFT';
  em.create(PeriodicReport, {
    period,
    unit,
    year: 2023,
    values,
    status:
      outcome === 'DRAFT'
        ? ReportStatus.DRAFT
        : outcome === 'RETURNED'
          ? ReportStatus.RETURNED
          : period.kind === ReportKind.YEAR
            ? ReportStatus.SUBMITTED
            : ReportStatus.ACCEPTED,
    firstSubmittedAt: submitted ? first : null,
    countedSubmittedAt: submitted ? first : null,
    submittedAt: submitted ? first : null,
    returnedAt: outcome === 'RETURNED' ? new Date(first.getTime() + 2 * DAY) : null,
    returnComment: outcome === 'RETURNED' ? 'Đề nghị bổ sung số liệu hồ sơ giải quyết trực tuyến và đúng hạn.' : null,
    decidedAt: submitted && outcome !== 'ON_TIME' && outcome !== 'LATE' ? new Date(first.getTime() + 2 * DAY) : null,
  });
}

function inspections(em: EntityManager, unit: Unit, rand: () => number, sontay: boolean): number {
  const district = unit.block === 'DISTRICT';
  const planned = sontay ? sontayCommunes.length : district ? 8 + Math.floor(rand() * 8) : 3 + Math.floor(rand() * 4);
  const targets = sontay
    ? sontayCommunes.slice(0, 11)
    : Array.from({ length: Math.max(1, Math.round(planned * (0.6 + rand() * 0.4))) }, (_, i) =>
        district ? `UBND xã, phường số ${i + 1}` : `Đơn vị trực thuộc số ${i + 1}`,
      );
  targets.forEach((target, i) => {
    const found = Math.floor(rand() * 4);
    em.create(Inspection, {
      unit,
      year: 2023,
      target,
      inspectedOn: at('2023-04-03', i * 14 + Math.floor(rand() * 7))
        .toISOString()
        .slice(0, 10),
      conclusionNumber: `${100 + i * 7}/TB-${district ? 'UBND' : unit.code}`,
      shortcomingsFound: found,
      shortcomingsHandled: sontay && i === 10 ? 0 : found - (rand() < 0.2 ? Math.min(found, 1) : 0),
    });
  });
  return planned;
}

/** The four 2023 report periods with a mix of on-time, late, returned and missing reports; inspections of districts and departments. */
export const hanoiMonitoringReports2023Step: SeedStepDefinition = {
  name: 'hanoi-monitoring-reports-2023',
  demoOnly: true,
  async run(em) {
    await em.nativeUpdate('MonitoringYear', { year: 2023 }, { reportTemplate: DEFAULT_REPORT_TEMPLATE });
    const periods = Object.values(ReportKind).map((kind) =>
      em.create(ReportPeriod, { year: 2023, kind, deadline: REPORT_DEADLINES_2023[kind] }),
    );
    const units = await em.find(Unit, { active: true }, { orderBy: { code: 'asc' } });
    const plans = new Map((await em.find(AnnualPlan, { year: 2023, kind: PlanKind.INSPECTION })).map((plan) => [plan.unit.id, plan]));
    for (const unit of units) {
      const rand = random(`${unit.code}/reports`);
      const sontay = unit.code === 'SONTAY';
      periods.forEach((period, index) => {
        const outcome: Outcome = sontay
          ? sontayReports[period.kind]
          : unit.code === 'THANHOAI' && period.kind === ReportKind.Q3
            ? 'ON_TIME'
            : outcomeOf(rand());
        const values = figures(rand, index, unit.block === 'DISTRICT');
        if (outcome === 'DRAFT') for (const key of Object.keys(values).slice(4)) delete values[key];
        report(em, unit, period, outcome, values, rand);
      });
      const plan = plans.get(unit.id);
      const planned = inspections(em, unit, rand, sontay);
      if (plan) plan.plannedInspections = planned;
    }
    await em.flush();
    // Thanh Oai's quarter III report waits for the secretariat (the demo returns it).
    await em.execute(
      `update periodic_report r set status = ? from unit u, report_period p
        where u.id = r.unit_id and p.id = r.period_id and u.code = 'THANHOAI' and p.kind = ? and p.year = 2023`,
      [ReportStatus.SUBMITTED, ReportKind.Q3],
    );
  },
};
