import type DataLoader from 'dataloader';
import { authorize, requestLoader, requireReadable, requireUser, type AppContext } from '../access/index.ts';
import { unitJson } from '../units/index.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { toDate } from '../shared/sql.ts';
import { REPORT, REPORT_PERIOD } from './monitoring.errors.ts';
import { readableConditions, readableRecord, type RecordWhere } from './monitoring.read.ts';
import { ReportFieldKind, ReportStatus } from './report.entity.ts';
import type { ReportField } from './report.logic.ts';
import {
  ReportState,
  type PeriodicReportView,
  type ReportConsolidationView,
  type ReportFieldView,
  type ReportPeriodView,
} from './report.types.ts';

/** Report periods of a year (or all) with the year's template: one statement. */
export async function queryReportPeriods(ctx: AppContext, where: { year?: number; ids?: number[] }): Promise<ReportPeriodView[]> {
  requireUser(ctx);
  const q = new SqlBuilder();
  const conditions = ['true'];
  if (where.year != null) conditions.push(`p.year = ${q.bind(where.year)}`);
  if (where.ids) conditions.push(`p.id = any(${q.ints(where.ids)})`);
  return ctx.em.getConnection().execute<ReportPeriodView[]>(
    `select p.id, p.year, p.kind, to_char(p.deadline, 'YYYY-MM-DD') as deadline, y.report_template as template
       from report_period p join monitoring_year y on y.year = p.year
      where ${conditions.join(' and ')}
      order by p.year desc, p.deadline`,
    q.params,
  );
}

export async function readablePeriod(ctx: AppContext, id: number): Promise<ReportPeriodView> {
  const [period] = await queryReportPeriods(ctx, { ids: [id] });
  return requireReadable(requireUser(ctx), 'ReportPeriod', REPORT_PERIOD, id, period ?? null);
}

/** A report's state for the overview: missing until submitted, then on time / late / returned. */
export const REPORT_STATE_SQL = `case when r.id is null then '${ReportState.MISSING}'
  when r.status = '${ReportStatus.DRAFT}' then '${ReportState.DRAFT}'
  when r.status = '${ReportStatus.RETURNED}' then '${ReportState.RETURNED}'
  when (r.counted_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date <= p.deadline then '${ReportState.ON_TIME}'
  else '${ReportState.LATE}' end`;

/** Whether the counted submission of report `r` (period `p`) is on time; null before any submission. */
export const ON_TIME_SQL = `case when r.counted_submitted_at is null then null
  else (r.counted_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date <= p.deadline end`;

type RawReport = Omit<
  PeriodicReportView,
  'values' | 'firstSubmittedAt' | 'countedSubmittedAt' | 'submittedAt' | 'returnedAt' | 'updatedAt'
> & {
  rawValues: Record<string, number | string>;
  firstSubmittedAt: string | null;
  countedSubmittedAt: string | null;
  submittedAt: string | null;
  returnedAt: string | null;
  updatedAt: string;
};

export interface ReportWhere extends RecordWhere {
  periodIds?: number[];
}

/** Reports the caller may read (units: their own; others: submitted ones), with state and unit: one statement. */
export async function queryReports(ctx: AppContext, where: ReportWhere): Promise<PeriodicReportView[]> {
  const readable = readableConditions(ctx, 'PeriodicReport', 'r', where);
  if (!readable) return [];
  const { q, conditions } = readable;
  if (where.periodIds) conditions.push(`r.period_id = any(${q.ints(where.periodIds)})`);
  const rows = await ctx.em.getConnection().execute<RawReport[]>(
    `select r.id, r.period_id as "periodId", r.unit_id as "unitId", r.year, p.kind, to_char(p.deadline, 'YYYY-MM-DD') as deadline,
            r.values as "rawValues", r.status, ${REPORT_STATE_SQL} as state, ${ON_TIME_SQL} as "onTime",
            r.first_submitted_at as "firstSubmittedAt", r.counted_submitted_at as "countedSubmittedAt", r.submitted_at as "submittedAt",
            su.display_name as "submittedByName", r.returned_at as "returnedAt", r.return_comment as "returnComment", r.version, r.updated_at as "updatedAt",
            ${unitJson('u')} as "unitRow"
       from periodic_report r
       join report_period p on p.id = r.period_id
       join unit u on u.id = r.unit_id
       left join app_user su on su.id = r.submitted_by_id
      where ${conditions.join(' and ')}
      order by p.deadline, u.block, u.code`,
    q.params,
  );
  return rows.map(({ rawValues, ...row }) => ({
    ...row,
    values: Object.entries(rawValues).map(([key, value]) => ({ key, value: String(value) })),
    firstSubmittedAt: toDate(row.firstSubmittedAt),
    countedSubmittedAt: toDate(row.countedSubmittedAt),
    submittedAt: toDate(row.submittedAt),
    returnedAt: toDate(row.returnedAt),
    updatedAt: toDate(row.updatedAt),
  }));
}

export const readableReport = (ctx: AppContext, id: number): Promise<PeriodicReportView> =>
  readableRecord(ctx, 'PeriodicReport', REPORT, 'periodic_report', id, (ids) => queryReports(ctx, { ids }));

/** The caller's unit's report of each period (null when not started), batched per request. */
export const ownReportLoader = (ctx: AppContext): DataLoader<number, PeriodicReportView | null> =>
  requestLoader(ctx, ownReportLoader, async (periodIds) => {
    const unitId = requireUser(ctx).unitId;
    const rows = unitId == null ? [] : await queryReports(ctx, { periodIds: [...periodIds], unitId });
    return periodIds.map((id) => rows.find((row) => row.periodId === id) ?? null);
  });

/**
 * The city-level consolidated report of a period: every number field summed over the units whose
 * report is submitted or accepted, and the active units still missing: one statement.
 */
export async function consolidation(ctx: AppContext, periodId: number): Promise<ReportConsolidationView> {
  const actor = requireUser(ctx);
  authorize(actor, 'read', 'ReportConsolidation');
  const period = await readablePeriod(ctx, periodId);
  const numbers = period.template.filter((field: ReportFieldView) => field.kind === ReportFieldKind.NUMBER);
  const [row] = await ctx.em.getConnection().execute<{ submitted: number; totals: Record<string, number | null>; missing: number[] }[]>(
    `with counted as (
       select r.unit_id, r.values from periodic_report r
        where r.period_id = ? and r.status in ('${ReportStatus.SUBMITTED}', '${ReportStatus.ACCEPTED}'))
     select (select count(*)::int from counted) as submitted,
            (select coalesce(jsonb_object_agg(f.key, (select sum((c.values ->> f.key)::numeric) from counted c
                                                       where jsonb_typeof(c.values -> f.key) = 'number')), '{}'::jsonb)
               from unnest(?::text[]) as f(key)) as totals,
            array(select u.id from unit u where u.active and u.id not in (select unit_id from counted) order by u.block, u.code) as missing`,
    [periodId, `{${numbers.map((field) => `"${field.key}"`).join(',')}}`],
  );
  return {
    periodId,
    submitted: row!.submitted,
    totals: numbers.map((field: ReportField) => ({
      key: field.key,
      area: field.area,
      label: field.label,
      total: Number(row!.totals[field.key] ?? 0),
    })),
    missingUnitIds: row!.missing,
  };
}
