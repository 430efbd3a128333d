import type { EntityManager } from '@mikro-orm/postgresql';
import { requireUser, type AppContext } from '../access/index.ts';
import type { StoredDocument } from '../evidence/index.ts';
import type { MeasuredPoints, MeasuredPointsSource, ScoreSheetView } from '../scoring/index.ts';
import type { Locale } from '../shared/i18n.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { intArray } from '../shared/sql.ts';
import { PlanKind, TaskStatus } from './plan.entity.ts';
import { TASK_FLAGS } from './task.sql.ts';
import { ON_TIME_SQL } from './report.read.ts';
import { ReportStatus } from './report.entity.ts';
import type { MonitoringMeasure, SuggestionBand } from './suggestion.entity.ts';
import { DOCUMENTS_BEHIND, measure, PLAN_TITLES, pointsFor, type UnitYearFacts } from './suggestion.logic.ts';
import type { MonitoringSuggestionView, SuggestionRuleView } from './suggestion.types.ts';

/** Everything the monitoring system knows of one unit's year, in one statement. */
export async function unitYearFacts(em: EntityManager, unitId: number, year: number): Promise<UnitYearFacts> {
  const live = `t.status <> '${TaskStatus.CANCELLED}'`;
  const sent = `r.status in ('${ReportStatus.SUBMITTED}', '${ReportStatus.ACCEPTED}', '${ReportStatus.RETURNED}')`;
  // Bound as the template is evaluated, left to right: the text's order.
  const q = new SqlBuilder();
  const unit = () => q.bind(unitId);
  const y = () => q.bind(year);
  const sql = `select (select to_char(plan_deadline, 'YYYY-MM-DD') from monitoring_year where year = ${y()}) as "planDeadline",
            (select coalesce(json_object_agg(p.kind, json_build_object('documentNumber', p.document_number,
                                                                       'issueDate', to_char(p.issue_date, 'YYYY-MM-DD'))), '{}')
               from annual_plan p where p.unit_id = ${unit()} and p.year = ${y()}) as plans,
            (select count(*)::int from plan_task t where t.unit_id = ${unit()} and t.year = ${y()} and ${live}) as "tasksTotal",
            (select count(*)::int from plan_task t where t.unit_id = ${unit()} and t.year = ${y()} and ${TASK_FLAGS.doneOnTime}) as "tasksDoneOnTime",
            (select count(*)::int from plan_task t where t.unit_id = ${unit()} and t.year = ${y()} and ${live} and t.city_assigned) as "cityTotal",
            (select count(*)::int from plan_task t where t.unit_id = ${unit()} and t.year = ${y()} and t.city_assigned
                and t.status = '${TaskStatus.DONE}') as "cityDone",
            (select count(*)::int from report_period p where p.year = ${y()}) as periods,
            (select count(*)::int from periodic_report r where r.unit_id = ${unit()} and r.year = ${y()} and ${sent}) as "reportsSubmitted",
            (select count(*)::int from periodic_report r join report_period p on p.id = r.period_id
              where r.unit_id = ${unit()} and r.year = ${y()} and ${sent} and ${ON_TIME_SQL}) as "reportsOnTime",
            (select p.planned_inspections from annual_plan p where p.unit_id = ${unit()} and p.year = ${y()} and p.kind = '${PlanKind.INSPECTION}') as planned,
            (select count(distinct lower(i.target))::int from inspection i where i.unit_id = ${unit()} and i.year = ${y()}) as inspected,
            (select coalesce(sum(i.shortcomings_found), 0)::int from inspection i where i.unit_id = ${unit()} and i.year = ${y()}) as found,
            (select coalesce(sum(i.shortcomings_handled), 0)::int from inspection i where i.unit_id = ${unit()} and i.year = ${y()}) as handled`;
  const [row] = await em.getConnection().execute<UnitYearFacts[]>(sql, q.params);
  return row!;
}

/** The rules of criteria sets, by set (one statement). */
export async function queryRules(em: EntityManager, criteriaSetIds: number[]): Promise<SuggestionRuleView[]> {
  if (!criteriaSetIds.length) return [];
  return em.getConnection().execute<SuggestionRuleView[]>(
    `select r.id, r.criteria_set_id as "criteriaSetId", r.criterion_id as "criterionId", c.code as "criterionCode", r.measure, r.bands
       from suggestion_rule r join criterion c on c.id = r.criterion_id
      where r.criteria_set_id = any(?::int[]) order by c.criteria_set_id, c.code`,
    [intArray(criteriaSetIds)],
  );
}

/** A sheet as the suggestions read it: whose, against which criteria set, for which year. */
export interface SuggestedSheet {
  unitId: number;
  criteriaSetId: number;
  year: number;
}

/** The set's rules applied to the unit's monitoring facts of the year, in `locale`: two statements (none without rules). */
export async function suggestionsFor(em: EntityManager, sheet: SuggestedSheet, locale: Locale): Promise<MonitoringSuggestionView[]> {
  const rules = await queryRules(em, [sheet.criteriaSetId]);
  if (!rules.length) return [];
  const facts = await unitYearFacts(em, sheet.unitId, sheet.year);
  return rules.map((rule) => {
    const measured = measure(rule.measure, facts);
    return {
      criterionId: rule.criterionId,
      criterionCode: rule.criterionCode,
      measure: rule.measure,
      value: measured.value,
      suggestedPoints: measured.value === null ? null : pointsFor(rule.bands as SuggestionBand[], measured.value),
      facts: measured.facts[locale],
    };
  });
}

/** The suggested self-scores of a sheet (read already authorised with the sheet). Two statements. */
export async function sheetSuggestions(ctx: AppContext, sheet: ScoreSheetView): Promise<MonitoringSuggestionView[]> {
  requireUser(ctx);
  return suggestionsFor(ctx.em, { ...sheet, year: sheet.state.year }, ctx.locale);
}

/** The monitored figures the pre-submit check compares self-scores with (scoring's MeasuredPointsSource). */
export const monitoredPoints: MeasuredPointsSource = async (em, sheet, locale) => {
  const figures = new Map<number, MeasuredPoints>();
  for (const suggestion of await suggestionsFor(em, sheet, locale)) {
    if (suggestion.suggestedPoints !== null)
      figures.set(suggestion.criterionId, { points: suggestion.suggestedPoints, facts: suggestion.facts });
  }
  return figures;
};

/** The unit's monitoring documents behind a measure (DOCUMENTS_BEHIND) with their citations, plans first: one statement. */
export async function documentsBehind(em: EntityManager, unitId: number, year: number, kind: MonitoringMeasure): Promise<StoredDocument[]> {
  const behind = DOCUMENTS_BEHIND[kind];
  const q = new SqlBuilder();
  const unitYear = (alias: string) => `${alias}.unit_id = ${q.bind(unitId)} and ${alias}.year = ${q.bind(year)}`;
  const parts: string[] = [];
  if (behind.plans.length) {
    parts.push(`select 1 as rank, p.id, p.kind::text as kind, p.file_sha256 as sha256, p.file_name as "fileName",
                       p.document_number as "documentNumber", to_char(p.issue_date, 'YYYY-MM-DD') as "issueDate", null as title
                  from annual_plan p
                 where ${unitYear('p')} and p.kind::text = any(${q.texts(behind.plans)}) and p.file_sha256 is not null`);
  }
  if (behind.tasks) {
    const which = behind.tasks === 'CITY' ? `t.city_assigned and t.status = '${TaskStatus.DONE}'` : TASK_FLAGS.doneOnTime;
    parts.push(`select 2, t.id, null, t.output_file_sha256, t.output_file_name, t.output_document_number, null, t.title
                  from plan_task t where ${unitYear('t')} and ${which} and t.output_file_sha256 is not null`);
  }
  if (behind.inspections) {
    parts.push(`select 3, i.id, null, i.conclusion_file_sha256, i.conclusion_file_name, i.conclusion_number, null, 'Kết luận kiểm tra ' || i.target
                  from inspection i where ${unitYear('i')} and i.conclusion_file_sha256 is not null`);
  }
  if (!parts.length) return [];
  const rows = await em
    .getConnection()
    .execute<(StoredDocument & { kind: PlanKind | null })[]>(`${parts.join(' union all ')} order by rank, id`, q.params);
  return rows.map(({ kind, sha256, fileName, documentNumber, issueDate, title }) => ({
    sha256,
    fileName,
    documentNumber,
    issueDate,
    title: kind ? `${PLAN_TITLES[kind]} năm ${year}` : title,
  }));
}
