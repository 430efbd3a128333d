import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { domainError } from '../shared/errors.ts';
import { currentLocale } from '../shared/i18n.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import type { SheetRow } from '../shared/xlsx.ts';
import { UNIT } from '../units/index.ts';
import { yearNotConfigured } from './monitoring.errors.ts';
import { PlanKind } from './plan.entity.ts';
import {
  PLAN_TASK_COLUMNS,
  readPlanRows,
  rowMessage,
  unitNameKey,
  type PlanFileRow,
  type PlanRowError,
  type PlanRowErrorCode,
  type PlanTaskColumn,
} from './plan-file.logic.ts';

/** Whose PAR plan of which year a file is imported into, as checked before the file is read. */
export interface PlanImportTarget {
  year: number;
  unitId: number;
  unitName: string;
  /** The secretariat imports the tasks the city's plan assigns to the unit; the unit's staff, its own. */
  cityAssigned: boolean;
}

/**
 * The unit of a plan by id, with its name, for a year the secretariat configured: YEAR_NOT_CONFIGURED, or the unit's
 * NOT_FOUND (FORBIDDEN to who may not read every unit's plans). One statement.
 */
export async function planUnit(em: EntityManager, actor: Actor, year: number, unitId: number): Promise<{ id: number; name: string }> {
  const [row] = await em
    .getConnection()
    .execute<{ configured: boolean; unit_name: string | null }[]>(
      `select exists (select 1 from monitoring_year y where y.year = ?) as configured, (select u.name from unit u where u.id = ?) as unit_name`,
      [year, unitId],
    );
  if (!row?.configured) throw yearNotConfigured(year);
  if (row.unit_name === null) throw missingRow(actor, 'read', 'AnnualPlan', UNIT, unitId);
  return { id: unitId, name: row.unit_name };
}

/**
 * Refuses an import before its file is read (see `planUnit`), FORBIDDEN unless the caller may create the tasks: the
 * unit's staff while the year is open, its own tasks; the secretariat, the ones the city's plan assigns to the unit.
 */
export async function importTarget(em: EntityManager, actor: Actor, year: number, unitId: number): Promise<PlanImportTarget> {
  const unit = await planUnit(em, actor, year, unitId);
  const cityAssigned = actor.unitId !== unitId;
  authorize(actor, 'create', 'PlanTask', { unit: unitId, year, cityAssigned });
  return { year, unitId, unitName: unit.name, cityAssigned };
}

/** A row error as the client reads it: its column's header and the message in the request's language. */
export interface PlanImportError {
  line: number;
  column: PlanTaskColumn;
  header: string;
  code: PlanRowErrorCode;
  message: string;
}

/** A row as the preview shows it: the file's row but its lead unit (only checked), and whether it is free of errors. */
export type PlanImportRow = Omit<PlanFileRow, 'leadUnit'> & { valid: boolean };

export interface PlanImportPreview {
  year: number;
  unitId: number;
  unitName: string;
  cityAssigned: boolean;
  fileName: string;
  sha256: string;
  rowCount: number;
  /** Rows with at least one error: any makes the import refuse the whole file. */
  invalidCount: number;
  errors: PlanImportError[];
  rows: PlanImportRow[];
}

/** A received plan file: its name as sent, its SHA-256 and its first worksheet. */
export interface PlanUpload {
  fileName: string;
  sha256: string;
  sheet: SheetRow[];
}

/** What a file's rows resolve to in the database: the plan's codes, the units by name, the sub-criteria by code. */
interface Resolution {
  codes: string[];
  units: { id: number; code: string; name: string }[];
  criteria: { code: string; id: number }[];
}

/** One statement: the codes already in the unit's PAR plan, the active units, and the given codes' sub-criteria of the unit's block and year (a published set first). */
async function resolve(em: EntityManager, target: PlanImportTarget, criterionCodes: string[]): Promise<Resolution> {
  const q = new SqlBuilder();
  const [row] = await em.execute<Resolution[]>(
    `select array(select t.code from plan_task t join annual_plan p on p.id = t.plan_id
                   where p.unit_id = ${q.bind(target.unitId)} and p.year = ${q.bind(target.year)} and p.kind = '${PlanKind.PAR}') as codes,
            (select coalesce(json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name)), '[]') from unit u where u.active) as units,
            (select coalesce(json_agg(json_build_object('code', c.code, 'id', c.id)), '[]')
               from (select distinct on (c.code) c.code, c.id
                       from criterion c join criteria_set cs on cs.id = c.criteria_set_id
                       join unit u on u.id = ${q.bind(target.unitId)} and u.block = cs.block
                      where cs.year = ${q.bind(target.year)} and c.code = any(${q.texts(criterionCodes)})
                        and not exists (select 1 from criterion k where k.parent_id = c.id)
                      order by c.code, (cs.status = 'PUBLISHED') desc, cs.version desc) c) as criteria`,
    q.params,
  );
  return row!;
}

interface Checked {
  preview: PlanImportPreview;
  /** Per row (same order): the cooperating units' ids and the sub-criterion's id. */
  resolved: { cooperatingUnitIds: number[]; criterionId: number | null }[];
  parsed: PlanFileRow[];
}

/** Every row checked against the plan and the database; nothing is written. */
async function check(em: EntityManager, target: PlanImportTarget, upload: PlanUpload): Promise<Checked> {
  const { rows, errors } = readPlanRows(upload.sheet, target.year);
  const fail = (line: number, column: PlanTaskColumn, code: PlanRowErrorCode, detail: Record<string, string | number> = {}) =>
    errors.push({ line, column, code, message: rowMessage(code, detail) });
  const found = await resolve(em, target, [...new Set(rows.flatMap((row) => (row.criterionCode ? [row.criterionCode] : [])))]);
  const byName = new Map(found.units.map((unit) => [unitNameKey(unit.name), unit]));
  const byCode = new Map(found.units.map((unit) => [unit.code.toUpperCase(), unit]));
  const unitNamed = (name: string) => byName.get(unitNameKey(name)) ?? byCode.get(name.toUpperCase()) ?? null;
  const criteria = new Map(found.criteria.map((criterion) => [criterion.code, criterion.id]));
  const existing = new Set(found.codes);
  const firstLine = new Map<string, number>();
  const planUnitKey = unitNameKey(target.unitName);

  const resolved = rows.map((row) => {
    if (row.code) {
      const earlier = firstLine.get(row.code);
      if (earlier !== undefined) fail(row.line, 'code', 'DUPLICATE_CODE', { value: row.code, line: earlier });
      else {
        firstLine.set(row.code, row.line);
        if (existing.has(row.code)) fail(row.line, 'code', 'DUPLICATE_CODE', { value: row.code });
      }
    }
    // The lead unit is the plan's own (task rows carry it); a file may leave it empty.
    if (row.leadUnit) {
      const lead = unitNamed(row.leadUnit);
      if (!lead && unitNameKey(row.leadUnit) !== planUnitKey) fail(row.line, 'leadUnit', 'UNKNOWN_UNIT', { value: row.leadUnit });
      else if (lead && lead.id !== target.unitId)
        fail(row.line, 'leadUnit', 'LEAD_UNIT_NOT_PLAN_UNIT', { value: row.leadUnit, unit: target.unitName });
    }
    const cooperatingUnitIds: number[] = [];
    for (const name of row.cooperatingUnits) {
      const unit = unitNamed(name);
      if (!unit) fail(row.line, 'cooperatingUnits', 'UNKNOWN_UNIT', { value: name });
      else if (unit.id === target.unitId) fail(row.line, 'cooperatingUnits', 'LEAD_UNIT_COOPERATING', { value: name });
      else if (!cooperatingUnitIds.includes(unit.id)) cooperatingUnitIds.push(unit.id);
    }
    const criterionId = row.criterionCode ? (criteria.get(row.criterionCode) ?? null) : null;
    if (row.criterionCode && criterionId === null)
      fail(row.line, 'criterionCode', 'UNKNOWN_CRITERION', { value: row.criterionCode, year: target.year });
    return { cooperatingUnitIds, criterionId };
  });

  const order = Object.keys(PLAN_TASK_COLUMNS);
  errors.sort((a, b) => a.line - b.line || order.indexOf(a.column) - order.indexOf(b.column));
  const locale = currentLocale();
  const invalid = new Set(errors.map((error) => error.line));
  const preview: PlanImportPreview = {
    year: target.year,
    unitId: target.unitId,
    unitName: target.unitName,
    cityAssigned: target.cityAssigned,
    fileName: upload.fileName,
    sha256: upload.sha256,
    rowCount: rows.length,
    invalidCount: invalid.size,
    errors: errors.map((error: PlanRowError) => ({
      line: error.line,
      column: error.column,
      header: PLAN_TASK_COLUMNS[error.column].header,
      code: error.code,
      message: error.message[locale],
    })),
    rows: rows.map((row) => ({
      line: row.line,
      code: row.code,
      title: row.title,
      area: row.area,
      output: row.output,
      deadline: row.deadline,
      cooperatingUnits: row.cooperatingUnits,
      criterionCode: row.criterionCode,
      valid: !invalid.has(row.line),
    })),
  };
  return { preview, resolved, parsed: rows };
}

/** The import's preview: every row error (row, column, message) and the rows that would be created; nothing is written. */
export async function previewPlanImport(em: EntityManager, target: PlanImportTarget, upload: PlanUpload): Promise<PlanImportPreview> {
  return (await check(em, target, upload)).preview;
}

/**
 * Writes a file's tasks into the unit's PAR plan of the year (created if missing), all or nothing: the rows are checked
 * again inside the transaction, with the plan locked, and PLAN_IMPORT_INVALID (422, with the preview) refuses the
 * whole file when any row has an error. Each task and the import are audited. A fixed number of statements, whatever
 * the number of rows.
 */
export async function commitPlanImport(
  em: EntityManager,
  actor: Actor,
  target: PlanImportTarget,
  upload: PlanUpload,
): Promise<{ planId: number; createdCount: number }> {
  return em.transactional(async (tx) => {
    // Creates the plan or locks it (ON CONFLICT DO UPDATE locks the row): two imports into one plan take turns.
    const [plan] = await tx.execute<{ id: number }[]>(
      `insert into annual_plan (unit_id, year, kind) values (?, ?, '${PlanKind.PAR}')
       on conflict (unit_id, year, kind) do update set kind = excluded.kind returning id`,
      [target.unitId, target.year],
    );
    const { preview, resolved, parsed } = await check(tx, target, upload);
    if (preview.invalidCount) {
      throw domainError(
        'PLAN_IMPORT_INVALID',
        {
          vi: `Tệp có ${preview.invalidCount} dòng lỗi; không có nhiệm vụ nào được ghi. Hãy sửa và nhập lại.`,
          en: `${preview.invalidCount} rows have errors; no task was written. Fix them and import again.`,
        },
        { http: { status: 422 }, preview },
      );
    }
    // What each task is written with (and audited as); `n` keeps the file's order, which the ids follow.
    const records = parsed.map((row, index) => ({
      code: row.code,
      title: row.title,
      area: row.area,
      output: row.output,
      deadline: row.deadline,
      criterionId: resolved[index]!.criterionId,
      cooperatingUnitIds: resolved[index]!.cooperatingUnitIds,
    }));
    const tasks = records.map((record, n) => ({ ...record, n }));
    const written = await tx.execute<{ id: number; code: string }[]>(
      `insert into plan_task (plan_id, unit_id, year, code, title, area, output, deadline, original_deadline, criterion_id, city_assigned)
       select ?, ?, ?, f.code, f.title, f.area, f.output, f.deadline, f.deadline, f."criterionId", ?
         from jsonb_to_recordset(?::jsonb) as f(n int, code text, title text, area smallint, output text, deadline date, "criterionId" int)
        order by f.n
       returning id, code`,
      [plan!.id, target.unitId, target.year, target.cityAssigned, JSON.stringify(tasks)],
    );
    const idOf = new Map(written.map((row) => [row.code, row.id]));
    const pairs = records.flatMap((record) =>
      record.cooperatingUnitIds.map((unitId) => ({ task_id: idOf.get(record.code)!, unit_id: unitId })),
    );
    if (pairs.length) {
      await tx.execute(
        `insert into plan_task_cooperating_unit (task_id, unit_id) select f.task_id, f.unit_id from jsonb_to_recordset(?::jsonb) as f(task_id int, unit_id int)`,
        [JSON.stringify(pairs)],
      );
    }
    const source = { fileName: upload.fileName, sha256: upload.sha256 };
    records.forEach((record) =>
      recordAudit(tx, actor, {
        subjectType: 'PlanTask',
        subjectId: idOf.get(record.code)!,
        action: 'task-import',
        after: { ...record, cityAssigned: target.cityAssigned, source },
      }),
    );
    recordAudit(tx, actor, {
      subjectType: 'AnnualPlan',
      subjectId: plan!.id,
      action: 'plan-import',
      after: { ...source, taskCount: written.length, cityAssigned: target.cityAssigned },
    });
    return { planId: plan!.id, createdCount: written.length };
  });
}
