import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { periodNotFound } from '../periods/index.ts';
import { toHundredths } from '../shared/decimal.ts';
import { domainError } from '../shared/errors.ts';
import { currentLocale, type Localized } from '../shared/i18n.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { leafPointsCtes } from './results.sql.ts';
import type { SurveyFile } from './survey-file.logic.ts';

export type SurveyRowErrorCode =
  | 'UNKNOWN_UNIT'
  | 'UNIT_NOT_IN_PERIOD'
  | 'UNKNOWN_CRITERION'
  | 'NOT_SURVEY_CRITERION'
  | 'INVALID_POINTS'
  | 'POINTS_ABOVE_MAX'
  | 'DUPLICATE_ROW';

export interface SurveyPreviewRow {
  line: number;
  unitCode: string;
  unitName: string | null;
  criterionCode: string;
  criterionTitle: string | null;
  points: string;
  maxPoints: string | null;
  /** Points already imported for this unit and criterion (replaced on commit). */
  currentPoints: string | null;
  errors: { code: SurveyRowErrorCode; message: string }[];
}

export interface SurveyPreview {
  periodId: number;
  fileName: string;
  format: 'xlsx' | 'csv';
  sha256: string;
  rowCount: number;
  validCount: number;
  errorCount: number;
  /** Rows that would replace points imported before. */
  replaceCount: number;
  /** Survey sub-criteria of the period's units still without points after this file. */
  missingAfter: number;
  alreadyImported: boolean;
  rows: SurveyPreviewRow[];
}

interface Target {
  unit_id: number | null;
  unit_name: string | null;
  in_period: boolean;
  criterion_id: number | null;
  title: string | null;
  kind: string | null;
  max_points: string | null;
  leaf: boolean | null;
  current: string | null;
}

function message(
  code: SurveyRowErrorCode,
  row: { unitCode: string; criterionCode: string; points: string },
  extra: { max?: string | null; line?: number; reason?: string | null },
): string {
  const texts: Record<SurveyRowErrorCode, Localized> = {
    UNKNOWN_UNIT: { vi: `Không có đơn vị mã "${row.unitCode}".`, en: `There is no unit with code "${row.unitCode}".` },
    UNIT_NOT_IN_PERIOD: {
      vi: `Đơn vị "${row.unitCode}" không thuộc khối được đánh giá trong kỳ này.`,
      en: `Unit "${row.unitCode}" is not in a block assessed in this period.`,
    },
    UNKNOWN_CRITERION: {
      vi: `Bộ tiêu chí của đơn vị không có tiêu chí "${row.criterionCode}".`,
      en: `The unit's criteria set has no criterion "${row.criterionCode}".`,
    },
    NOT_SURVEY_CRITERION: {
      vi: `Tiêu chí "${row.criterionCode}" không phải là tiêu chí thành phần điều tra xã hội học.`,
      en: `"${row.criterionCode}" is not a survey sub-criterion.`,
    },
    INVALID_POINTS: {
      vi:
        extra.reason === 'EMPTY'
          ? 'Thiếu điểm.'
          : extra.reason === 'TOO_MANY_DECIMALS'
            ? `Điểm "${row.points}" có quá 2 chữ số thập phân.`
            : `Điểm "${row.points}" không phải là số không âm.`,
      en:
        extra.reason === 'EMPTY'
          ? 'Points are missing.'
          : extra.reason === 'TOO_MANY_DECIMALS'
            ? `"${row.points}" has more than 2 decimals.`
            : `"${row.points}" is not a non-negative number.`,
    },
    POINTS_ABOVE_MAX: {
      vi: `Điểm ${row.points} vượt quá điểm tối đa ${extra.max}.`,
      en: `${row.points} is above the maximum ${extra.max}.`,
    },
    DUPLICATE_ROW: {
      vi: `Trùng với dòng ${extra.line} (cùng đơn vị và tiêu chí).`,
      en: `Repeats line ${extra.line} (same unit and criterion).`,
    },
  };
  return texts[code][currentLocale()];
}

/** Refuses a survey import before its file is read: the secretariat only. */
export function assertMayImportSurvey(actor: Actor): void {
  authorize(actor, 'import', 'SurveyResult');
}

/** A received survey file: its name as sent, its SHA-256 and its rows. */
export interface SurveyUpload {
  fileName: string;
  sha256: string;
  file: SurveyFile;
}

/** Every row checked against the period's units and survey sub-criteria; nothing is written. */
export async function previewSurvey(
  em: EntityManager,
  actor: Actor,
  periodId: number,
  { fileName, sha256, file }: SurveyUpload,
): Promise<SurveyPreview> {
  assertMayImportSurvey(actor);
  const [period] = await em.execute<{ id: number }[]>('select id from period where id = ?', [periodId]);
  if (!period) throw periodNotFound(actor, periodId);
  const pairs = file.rows.map((row, ordinal) => ({ unit: row.unitCode, criterion: row.criterionCode, ordinal }));
  // One statement resolves every row: its unit, whether the unit's block is in the period, the
  // criterion of that block's set with this code, and the points imported before.
  const targets = await em.execute<(Target & { ordinal: number })[]>(
    `select f.ordinal, u.id as unit_id, u.name as unit_name, cs.id is not null as in_period,
            c.id as criterion_id, c.title, c.kind, c.max_points,
            c.id is not null and not exists (select 1 from criterion k where k.parent_id = c.id) as leaf,
            sr.points as current
       from jsonb_to_recordset(?::jsonb) as f(unit text, criterion text, ordinal int)
       left join unit u on u.code = f.unit
       left join period_criteria_sets pcs on pcs.period_id = ?
        and pcs.criteria_set_id in (select id from criteria_set where block = u.block)
       left join criteria_set cs on cs.id = pcs.criteria_set_id
       left join criterion c on c.criteria_set_id = cs.id and c.code = f.criterion
       left join survey_result sr on sr.period_id = ? and sr.unit_id = u.id and sr.criterion_id = c.id
      order by f.ordinal`,
    [JSON.stringify(pairs), periodId, periodId],
  );
  const seen = new Map<string, number>();
  const rows: SurveyPreviewRow[] = file.rows.map((row, index) => {
    const target = targets[index]!;
    const errors: SurveyPreviewRow['errors'] = [];
    const add = (code: SurveyRowErrorCode, extra: { max?: string | null; line?: number; reason?: string | null } = {}) =>
      errors.push({ code, message: message(code, row, extra) });
    if (target.unit_id === null) add('UNKNOWN_UNIT');
    else if (!target.in_period) add('UNIT_NOT_IN_PERIOD');
    else if (target.criterion_id === null) add('UNKNOWN_CRITERION');
    else if (target.kind !== 'SURVEY' || !target.leaf) add('NOT_SURVEY_CRITERION');
    if (row.pointsError || row.points.startsWith('-')) add('INVALID_POINTS', { reason: row.pointsError });
    else if (
      target.max_points !== null &&
      target.kind === 'SURVEY' &&
      toHundredths(row.points, 'points') > toHundredths(target.max_points, 'max')
    ) {
      add('POINTS_ABOVE_MAX', { max: target.max_points });
    }
    const key = `${row.unitCode}\u0000${row.criterionCode}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) add('DUPLICATE_ROW', { line: earlier });
    else seen.set(key, row.line);
    return {
      line: row.line,
      unitCode: row.unitCode,
      unitName: target.unit_name,
      criterionCode: row.criterionCode,
      criterionTitle: target.title,
      points: row.points,
      maxPoints: target.max_points,
      currentPoints: target.current,
      errors,
    };
  });
  // Applicable survey sub-criteria of the units in the period's results still without points once this file is in.
  const q = new SqlBuilder();
  const [counts] = await em.execute<{ missing_after: number; already: boolean }[]>(
    `with recursive ${leafPointsCtes(q, [periodId])}
     select (select count(*)::int from leaf_points lp join unit u on u.id = lp.unit_id join criterion c on c.id = lp.criterion_id
              where lp.kind = 'SURVEY' and lp.applicable and lp.survey_value is null
                and not exists (select 1 from jsonb_to_recordset(${q.bind(JSON.stringify(pairs))}::jsonb) as f(unit text, criterion text)
                                 where f.unit = u.code and f.criterion = c.code)) as missing_after,
            exists (select 1 from survey_import si where si.period_id = ${q.bind(periodId)} and si.sha256 = ${q.bind(sha256)}) as already`,
    q.params,
  );
  const errorCount = rows.filter((row) => row.errors.length).length;
  return {
    periodId,
    fileName,
    format: file.format,
    sha256,
    rowCount: rows.length,
    validCount: rows.length - errorCount,
    errorCount,
    replaceCount: rows.filter((row) => row.currentPoints !== null && !row.errors.length).length,
    missingAfter: counts?.missing_after ?? 0,
    alreadyImported: Boolean(counts?.already),
    rows,
  };
}

/**
 * Writes a previewed file, all or nothing: refused when any row has an error, the file was
 * imported before, the results are published, or it would replace earlier points without `replace`.
 */
export async function commitSurvey(
  em: EntityManager,
  actor: Actor,
  preview: SurveyPreview,
  replace: boolean,
): Promise<{ importId: number; rowCount: number; replacedCount: number }> {
  assertMayImportSurvey(actor);
  if (preview.errorCount) {
    throw domainError(
      'SURVEY_IMPORT_INVALID',
      {
        vi: `Tệp có ${preview.errorCount} dòng lỗi; không có gì được ghi. Hãy sửa và nhập lại.`,
        en: `${preview.errorCount} rows have errors; nothing was written. Fix them and import again.`,
      },
      { http: { status: 422 }, preview },
    );
  }
  if (preview.alreadyImported) {
    throw domainError(
      'SURVEY_ALREADY_IMPORTED',
      { vi: 'Tệp này đã được nhập cho kỳ đánh giá này.', en: 'This file was already imported for this period.' },
      { http: { status: 409 } },
    );
  }
  if (preview.replaceCount && !replace) {
    throw domainError(
      'SURVEY_RESULTS_EXIST',
      {
        vi: `${preview.replaceCount} dòng sẽ thay thế điểm đã nhập trước đó; hãy xác nhận thay thế.`,
        en: `${preview.replaceCount} rows would replace points imported before; confirm the replacement.`,
      },
      { http: { status: 409 }, replaceCount: preview.replaceCount },
    );
  }
  return em.transactional(async (tx) => {
    const connection = tx; // tx.execute runs inside the transaction (getConnection().execute would not)
    const [period] = await connection.execute<{ published: boolean }[]>(
      `select exists (select 1 from period_publication pp where pp.period_id = p.id) as published from period p where p.id = ? for update`,
      [preview.periodId],
    );
    if (period?.published) {
      throw domainError(
        'RESULTS_PUBLISHED',
        {
          vi: 'Kết quả đã được công bố; không thể nhập điểm điều tra.',
          en: 'The results are published; survey points cannot be imported.',
        },
        { http: { status: 409 } },
      );
    }
    const [batch] = await connection.execute<{ id: number }[]>(
      `insert into survey_import (period_id, file_name, sha256, row_count, replaced_count, imported_by_id)
       values (?, ?, ?, ?, ?, ?) on conflict (period_id, sha256) do nothing returning id`,
      [preview.periodId, preview.fileName.slice(0, 255), preview.sha256, preview.rowCount, preview.replaceCount, actor.id],
    );
    if (!batch) {
      throw domainError(
        'SURVEY_ALREADY_IMPORTED',
        { vi: 'Tệp này đã được nhập cho kỳ đánh giá này.', en: 'This file was already imported for this period.' },
        { http: { status: 409 } },
      );
    }
    const rows = preview.rows.map((row) => ({ unit: row.unitCode, criterion: row.criterionCode, points: row.points }));
    // Every row in one statement; the preview resolved each (unit, criterion) to exactly one survey leaf.
    const written = await connection.execute<{ id: number }[]>(
      `insert into survey_result (period_id, unit_id, criterion_id, points, survey_import_id)
       select ?, u.id, c.id, f.points::numeric, ?
         from jsonb_to_recordset(?::jsonb) as f(unit text, criterion text, points text)
         join unit u on u.code = f.unit
         join period_criteria_sets pcs on pcs.period_id = ?
         join criteria_set cs on cs.id = pcs.criteria_set_id and cs.block = u.block
         join criterion c on c.criteria_set_id = cs.id and c.code = f.criterion and c.kind = 'SURVEY'
       on conflict (period_id, unit_id, criterion_id) do update set points = excluded.points, survey_import_id = excluded.survey_import_id
       returning id`,
      [preview.periodId, batch.id, JSON.stringify(rows), preview.periodId],
    );
    if (written.length !== preview.rowCount) throw new Error(`survey import wrote ${written.length} of ${preview.rowCount} rows`);
    recordAudit(tx, actor, {
      subjectType: 'SurveyImport',
      subjectId: batch.id,
      action: 'import-survey',
      after: {
        periodId: preview.periodId,
        fileName: preview.fileName,
        sha256: preview.sha256,
        rows: preview.rowCount,
        replaced: preview.replaceCount,
      },
    });
    return { importId: batch.id, rowCount: preview.rowCount, replacedCount: preview.replaceCount };
  });
}
