import type { EntityManager } from '@mikro-orm/postgresql';
import { requireUser, type AppContext } from '../access/index.ts';
import type { ScoreSheetView } from '../scoring/index.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { intArray } from '../shared/sql.ts';
import { PlanKind, TaskStatus } from './plan.entity.ts';
import { TASK_FLAGS } from './task.sql.ts';
import { ON_TIME_SQL } from './report.read.ts';
import { ReportStatus } from './report.entity.ts';
import type { SuggestionBand } from './suggestion.entity.ts';
import { measure, pointsFor, type UnitYearFacts } from './suggestion.logic.ts';
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

/**
 * The suggested self-scores of a sheet (read already authorised with the sheet): the set's rules
 * applied to the unit's monitoring facts of the period's year. Two statements.
 */
export async function sheetSuggestions(ctx: AppContext, sheet: ScoreSheetView): Promise<MonitoringSuggestionView[]> {
  requireUser(ctx);
  const rules = await queryRules(ctx.em, [sheet.criteriaSetId]);
  if (!rules.length) return [];
  const facts = await unitYearFacts(ctx.em, sheet.unitId, sheet.state.year);
  return rules.map((rule) => {
    const measured = measure(rule.measure, facts);
    return {
      criterionId: rule.criterionId,
      criterionCode: rule.criterionCode,
      measure: rule.measure,
      value: measured.value,
      suggestedPoints: measured.value === null ? null : pointsFor(rule.bands as SuggestionBand[], measured.value),
      facts: measured.facts[ctx.locale],
    };
  });
}
