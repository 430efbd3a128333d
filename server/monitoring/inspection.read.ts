import { permissionSql, requireUser, type AppContext } from '../access/index.ts';
import { unitJson } from '../units/index.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import type { Inspection } from './inspection.entity.ts';
import type { InspectionSummaryView, InspectionView } from './inspection.types.ts';
import { monitoringColumns } from './monitoring.permissions.ts';
import { readableConditions } from './monitoring.read.ts';
import { PlanKind } from './plan.entity.ts';

/** Inspections of a year the caller may read (units: their own), by date: one statement. */
export async function queryInspections(
  ctx: AppContext,
  where: { year: number; unitId?: number; ids?: number[] },
): Promise<InspectionView[]> {
  const readable = readableConditions(ctx, 'Inspection', 'i', where);
  if (!readable) return [];
  const { q, conditions } = readable;
  return ctx.em.getConnection().execute<InspectionView[]>(
    `select i.id, i.unit_id as "unitId", i.year, i.target, to_char(i.inspected_on, 'YYYY-MM-DD') as "inspectedOn",
            i.conclusion_number as "conclusionNumber", i.conclusion_file_name as "conclusionFileName",
            i.conclusion_file_sha256 as "conclusionFileSha256", i.shortcomings_found as "shortcomingsFound",
            i.shortcomings_handled as "shortcomingsHandled", i.version,
            ${unitJson('u')} as "unitRow"
       from inspection i join unit u on u.id = i.unit_id
      where ${conditions.join(' and ')}
      order by u.block, u.code, i.inspected_on, i.id`,
    q.params,
  );
}

/** A recorded inspection as the caller reads it (among its unit's of the year). */
export async function inspectionView(ctx: AppContext, row: Inspection): Promise<InspectionView> {
  return (await queryInspections(ctx, { year: row.year, unitId: row.unit.id })).find((view) => view.id === row.id)!;
}

/**
 * Per unit of the year (those the caller may read the inspections of): planned (from the inspection
 * plan), inspected (distinct targets), shortcomings found and handled, and the two shares: one statement.
 */
export async function inspectionSummaries(ctx: AppContext, year: number, unitId?: number): Promise<InspectionSummaryView[]> {
  const actor = requireUser(ctx);
  const inspections = permissionSql(actor.ability, 'read', 'Inspection', monitoringColumns('i'));
  const plans = permissionSql(actor.ability, 'read', 'AnnualPlan', monitoringColumns('p'));
  if (!inspections || !plans) return [];
  const q = new SqlBuilder();
  const held = `select i.unit_id, count(distinct lower(i.target))::int as inspected, sum(i.shortcomings_found)::int as found,
                       sum(i.shortcomings_handled)::int as handled
                  from inspection i where ${q.splice(inspections)} and i.year = ${q.bind(year)} group by i.unit_id`;
  const planned = `select p.unit_id, p.planned_inspections as planned from annual_plan p
                    where ${q.splice(plans)} and p.year = ${q.bind(year)} and p.kind = '${PlanKind.INSPECTION}'`;
  // Bound last: it comes last in the statement's text.
  const unitFilter = unitId != null ? `where coalesce(h.unit_id, pl.unit_id) = ${q.bind(unitId)}` : '';
  const rows = await ctx.em.getConnection().execute<Omit<InspectionSummaryView, 'inspectedShare' | 'handledShare' | 'year'>[]>(
    `with held as (${held}), planned as (${planned})
     select coalesce(h.unit_id, pl.unit_id) as "unitId", pl.planned, coalesce(h.inspected, 0) as inspected,
            coalesce(h.found, 0) as "shortcomingsFound", coalesce(h.handled, 0) as "shortcomingsHandled"
       from held h full join planned pl on pl.unit_id = h.unit_id
      ${unitFilter}
      order by 1`,
    q.params,
  );
  return rows.map((row) => ({
    ...row,
    year,
    inspectedShare: row.planned ? Math.min(1, row.inspected / row.planned) : null,
    handledShare: row.shortcomingsFound ? row.shortcomingsHandled / row.shortcomingsFound : null,
  }));
}
