import { parseIsoDate } from '../shared/dates.ts';
import { AppError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import { cleanText, textKey } from '../shared/text.ts';
import { mapColumns, spreadsheetError, type ImportColumn, type SheetRow } from '../shared/xlsx.ts';
import { PAR_AREA_NAMES, PAR_AREAS } from './plan.logic.ts';

/**
 * The columns of a plan's task list as plans circulate in .xlsx (the template's header row, in this order): the
 * import recognises each by its Vietnamese or English header, ignores any other column (the export's status columns).
 */
export const PLAN_TASK_COLUMNS = {
  code: { header: 'Mã nhiệm vụ', aliases: ['mã nhiệm vụ', 'mã', 'stt', 'số tt', 'task code', 'code'] },
  title: { header: 'Nhiệm vụ', aliases: ['nhiệm vụ', 'tên nhiệm vụ', 'nội dung', 'nội dung nhiệm vụ', 'task', 'title'] },
  area: { header: 'Lĩnh vực CCHC', aliases: ['lĩnh vực cchc', 'lĩnh vực', 'par area', 'area'] },
  output: { header: 'Sản phẩm', aliases: ['sản phẩm', 'sản phẩm đầu ra', 'kết quả dự kiến', 'expected output', 'output'], optional: true },
  deadline: { header: 'Thời hạn', aliases: ['thời hạn', 'thời hạn hoàn thành', 'thời gian hoàn thành', 'deadline'] },
  leadUnit: { header: 'Đơn vị chủ trì', aliases: ['đơn vị chủ trì', 'chủ trì', 'lead unit'], optional: true },
  cooperatingUnits: {
    header: 'Đơn vị phối hợp',
    aliases: ['đơn vị phối hợp', 'phối hợp', 'cooperating units'],
    optional: true,
  },
  criterionCode: {
    header: 'Mã tiêu chí',
    aliases: ['mã tiêu chí', 'tiêu chí', 'tiêu chí thành phần', 'criterion code', 'sub-criterion'],
    optional: true,
  },
} satisfies Record<string, ImportColumn>;
export type PlanTaskColumn = keyof typeof PLAN_TASK_COLUMNS;

/** Most task rows one file may carry (a plan has tens; this bounds a hostile file's cost). */
export const MAX_TASK_ROWS = 2_000;

/** Why a row cannot be imported; each names the column it is about. */
export type PlanRowErrorCode =
  | 'MISSING_VALUE'
  | 'INVALID_TEXT'
  | 'UNKNOWN_AREA'
  | 'INVALID_DATE'
  | 'DEADLINE_OUTSIDE_YEAR'
  | 'DUPLICATE_CODE'
  | 'UNKNOWN_UNIT'
  | 'LEAD_UNIT_NOT_PLAN_UNIT'
  | 'LEAD_UNIT_COOPERATING'
  | 'UNKNOWN_CRITERION';

export interface PlanRowError {
  line: number;
  column: PlanTaskColumn;
  code: PlanRowErrorCode;
  message: Localized;
}

/** One data row as written, its cells read and checked on their own (names and codes are resolved against the database later). */
export interface PlanFileRow {
  line: number;
  code: string;
  title: string;
  /** 1–8, null when the cell names no area. */
  area: number | null;
  output: string | null;
  /** 'YYYY-MM-DD', null when missing or not a date. */
  deadline: string | null;
  /** As written; empty means the plan's own unit. */
  leadUnit: string;
  cooperatingUnits: string[];
  criterionCode: string | null;
}

/** The key two unit names compare by: `textKey`, with "Ủy ban nhân dân" written as the "UBND" plans use. */
export const unitNameKey = (name: string) => textKey(name).replace(/^(ủy|uỷ) ban nhân dân\b/u, 'ubnd');

/** The key an area's name compares by: `textKey`, with the abbreviations plans use (CCHC, TTHC) written out. */
const areaKey = (name: string) =>
  textKey(name)
    .replace(/\bcchc\b/gu, 'cải cách hành chính')
    .replace(/\btthc\b/gu, 'thủ tục hành chính')
    .replace(/[.:;]+$/u, '');
const AREA_KEYS = PAR_AREAS.map((area) => [area, areaKey(PAR_AREA_NAMES[area])] as const);

/**
 * An area cell: its number (1–8, as a number or text, "Lĩnh vực 3", "3. Cải cách …"), its Vietnamese name
 * (abbreviations allowed) or the unambiguous start of it ("Cải cách thủ tục hành chính"); null otherwise.
 */
export function readArea(value: unknown): number | null {
  if (typeof value === 'number') return (PAR_AREAS as readonly number[]).includes(value) ? value : null;
  const text = areaKey(plainText(value)).replace(/^lĩnh vực\s*/u, '');
  // "3", "3. Cải cách …", "3 - …"; never "1.1" (a criterion's code is no area).
  const numbered = /^(\d+)(?:$|\s*[.:)\-–]\s*(?!\d)|\s+)/u.exec(text);
  if (numbered) {
    const area = Number(numbered[1]);
    return (PAR_AREAS as readonly number[]).includes(area) ? area : null;
  }
  if (text.length < 6) return null;
  const exact = AREA_KEYS.find(([, key]) => key === text);
  if (exact) return exact[0];
  const starts = AREA_KEYS.filter(([, key]) => key.startsWith(text));
  return starts.length === 1 ? starts[0]![0] : null;
}

const DAY_MS = 86_400_000;
/** Day 0 of Excel's (1900) date serials, so that serial 60 is the 1900-02-29 Excel believes in and 61 is 1 March. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell: an Excel date (a date cell, or its serial number), or text as dd/mm/yyyy (also with '-' or '.', and
 * one-digit day or month) or YYYY-MM-DD. 'YYYY-MM-DD' of a real calendar day, or null.
 */
export function readDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : parseIsoDate(value.toISOString().slice(0, 10));
  if (typeof value === 'number') {
    // A whole serial (a date cell without its format); fractions are a time of day.
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return null;
    return parseIsoDate(new Date(EXCEL_EPOCH + Math.floor(value) * DAY_MS).toISOString().slice(0, 10));
  }
  const text = plainText(value);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return parseIsoDate(`${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`);
  return parseIsoDate(text);
}

/** A cell as the text it shows: numbers as written, dates as dd/mm/yyyy. */
function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  return String(value).trim();
}

/** Cooperating units: names separated by ';', ',' or line breaks (unit names hold none of these). */
const splitNames = (text: string) =>
  text
    .split(/[;,\n\r]+/u)
    .map((name) => name.replace(/^[\s\-–•+]+/u, '').trim())
    .filter(Boolean);

/** What a row error says, by code, in both languages. */
export function rowMessage(code: PlanRowErrorCode, detail: Record<string, string | number> = {}): Localized {
  const d = detail;
  switch (code) {
    case 'MISSING_VALUE':
      return { vi: `Thiếu "${d.header}".`, en: `"${d.header}" is missing.` };
    case 'INVALID_TEXT':
      return { vi: String(d.vi), en: String(d.en) };
    case 'UNKNOWN_AREA':
      return {
        vi: `Lĩnh vực "${d.value}" không tồn tại: ghi số từ 1 đến 8 hoặc tên lĩnh vực CCHC.`,
        en: `Area "${d.value}" does not exist: give a number from 1 to 8 or the PAR area's Vietnamese name.`,
      };
    case 'INVALID_DATE':
      return {
        vi: `Thời hạn "${d.value}" không phải là ngày hợp lệ (dd/mm/yyyy hoặc ô ngày của Excel).`,
        en: `Deadline "${d.value}" is not a valid date (dd/mm/yyyy or an Excel date cell).`,
      };
    case 'DEADLINE_OUTSIDE_YEAR':
      return {
        vi: `Thời hạn ${d.value} nằm ngoài năm ${d.year} của kế hoạch.`,
        en: `The deadline ${d.value} is outside the plan's year ${d.year}.`,
      };
    case 'DUPLICATE_CODE':
      return d.line
        ? { vi: `Mã nhiệm vụ "${d.value}" trùng với dòng ${d.line}.`, en: `Task code "${d.value}" repeats row ${d.line}.` }
        : { vi: `Mã nhiệm vụ "${d.value}" đã có trong kế hoạch.`, en: `Task code "${d.value}" is already in the plan.` };
    case 'UNKNOWN_UNIT':
      return { vi: `Không có đơn vị tên "${d.value}".`, en: `There is no unit named "${d.value}".` };
    case 'LEAD_UNIT_NOT_PLAN_UNIT':
      return {
        vi: `Đơn vị chủ trì "${d.value}" không phải là đơn vị của kế hoạch (${d.unit}).`,
        en: `The lead unit "${d.value}" is not the plan's unit (${d.unit}).`,
      };
    case 'LEAD_UNIT_COOPERATING':
      return {
        vi: `Đơn vị chủ trì "${d.value}" không đồng thời là đơn vị phối hợp.`,
        en: `The lead unit "${d.value}" cannot also be a cooperating unit.`,
      };
    case 'UNKNOWN_CRITERION':
      return {
        vi: `Không có tiêu chí thành phần mã "${d.value}" trong bộ tiêu chí năm ${d.year} của đơn vị.`,
        en: `There is no sub-criterion "${d.value}" in the unit's ${d.year} criteria set.`,
      };
  }
}

/**
 * The rows of a plan's task sheet, each cell read on its own (text cleaned as all stored text is, the area and the
 * deadline recognised, the deadline within `year`), with the errors found so far. WRONG_COLUMNS / EMPTY_FILE /
 * TOO_MANY_ROWS refuse the file as a whole.
 */
export function readPlanRows(sheet: SheetRow[], year: number): { rows: PlanFileRow[]; errors: PlanRowError[] } {
  const [header, ...data] = sheet;
  if (!header) throw spreadsheetError('EMPTY_FILE', 'Tệp không có dữ liệu.', 'The file is empty.');
  const columns = mapColumns(header.cells.map(plainText), PLAN_TASK_COLUMNS);
  const filled = data.filter(({ cells }) => cells.some((cell) => plainText(cell) !== ''));
  if (!filled.length) {
    throw spreadsheetError('EMPTY_FILE', 'Tệp chỉ có dòng tiêu đề, không có nhiệm vụ nào.', 'The file has a header but no task rows.');
  }
  if (filled.length > MAX_TASK_ROWS) {
    throw spreadsheetError('TOO_MANY_ROWS', `Tệp có quá ${MAX_TASK_ROWS} dòng.`, `The file has more than ${MAX_TASK_ROWS} rows.`);
  }
  const errors: PlanRowError[] = [];
  const rows = filled.map(({ line, cells }) => {
    const cell = (column: PlanTaskColumn) => (columns[column] === undefined ? null : cells[columns[column]!]);
    const fail = (column: PlanTaskColumn, code: PlanRowErrorCode, detail: Record<string, string | number> = {}) =>
      errors.push({ line, column, code, message: rowMessage(code, detail) });
    /** The cell cleaned as stored text is; an error on the row (never a throw) when it is missing, too long or unclean. */
    const text = (column: PlanTaskColumn, options: { required?: boolean; max: number; singleLine?: boolean }): string | null => {
      const { header: name } = PLAN_TASK_COLUMNS[column];
      try {
        const value = cleanText(plainText(cell(column)), column, { ...options, required: false });
        if (!value && options.required) fail(column, 'MISSING_VALUE', { header: name });
        return value;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        fail(column, 'INVALID_TEXT', { vi: `"${name}": ${error.messages.vi}`, en: `"${name}": ${error.messages.en}` });
        return null;
      }
    };
    const code = text('code', { required: true, max: 32, singleLine: true }) ?? '';
    const title = text('title', { required: true, max: 2000 }) ?? '';
    const output = text('output', { max: 2000 });
    const areaText = plainText(cell('area'));
    const area = readArea(cell('area'));
    if (!areaText) fail('area', 'MISSING_VALUE', { header: PLAN_TASK_COLUMNS.area.header });
    else if (area === null) fail('area', 'UNKNOWN_AREA', { value: areaText });
    const deadlineText = plainText(cell('deadline'));
    let deadline = readDate(cell('deadline'));
    if (!deadlineText) fail('deadline', 'MISSING_VALUE', { header: PLAN_TASK_COLUMNS.deadline.header });
    else if (deadline === null) fail('deadline', 'INVALID_DATE', { value: deadlineText });
    else if (Number(deadline.slice(0, 4)) !== year) {
      fail('deadline', 'DEADLINE_OUTSIDE_YEAR', { value: deadlineText, year });
      deadline = null;
    }
    const leadUnit = text('leadUnit', { max: 500, singleLine: true }) ?? '';
    const cooperating = text('cooperatingUnits', { max: 5000 });
    const criterionCode = text('criterionCode', { max: 32, singleLine: true });
    return {
      line,
      code,
      title,
      area,
      output,
      deadline,
      leadUnit,
      cooperatingUnits: [...new Set(splitNames(cooperating ?? ''))],
      criterionCode,
    };
  });
  return { rows, errors };
}
