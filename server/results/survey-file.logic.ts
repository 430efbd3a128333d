import { parse as parseCsv } from 'csv-parse/sync';
import { isOldXls, isXlsx, mapColumns, oldXls, readFirstSheet, spreadsheetError, type SheetRow } from '../shared/xlsx.ts';

/** One data row of a survey file, as written (validated against the database later). */
export interface SurveyFileRow {
  /** 1-based line (CSV) or row (xlsx) number, as the user sees it in the file. */
  line: number;
  unitCode: string;
  criterionCode: string;
  /** The points as a decimal string ('1.5'), or the raw text when it is not a number. */
  points: string;
  /** Set when the cell is not a number with at most two decimals. */
  pointsError: 'EMPTY' | 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' | null;
}

export interface SurveyFile {
  format: 'xlsx' | 'csv';
  rows: SurveyFileRow[];
}

/** The columns the template has; the first three are required (other columns are ignored). */
export const SURVEY_COLUMNS = {
  unitCode: { header: 'Mã đơn vị', aliases: ['mã đơn vị', 'ma don vi', 'unit code', 'unit_code', 'unitcode'] },
  criterionCode: { header: 'Mã tiêu chí', aliases: ['mã tiêu chí', 'ma tieu chi', 'criterion code', 'criterion_code', 'criterioncode'] },
  points: { header: 'Điểm', aliases: ['điểm', 'diem', 'points', 'điểm xhh'] },
} as const;
type Column = keyof typeof SURVEY_COLUMNS;

const MAX_ROWS = 200_000;

/** A points cell: a number with at most two decimals ('1,5' with a decimal comma is accepted). */
function readPoints(value: unknown): Pick<SurveyFileRow, 'points' | 'pointsError'> {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return { points: '', pointsError: 'EMPTY' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { points: String(value), pointsError: 'NOT_A_NUMBER' };
    const hundredths = Math.round(value * 100);
    // Excel keeps doubles: 1.1 is 1.1000000000000001; anything further from a hundredth had more decimals.
    if (Math.abs(value * 100 - hundredths) > 1e-6) return { points: String(value), pointsError: 'TOO_MANY_DECIMALS' };
    const sign = hundredths < 0 ? '-' : '';
    const abs = Math.abs(hundredths);
    return { points: `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, pointsError: null };
  }
  const text = String(value)
    .trim()
    .replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { points: String(value).trim(), pointsError: 'NOT_A_NUMBER' };
  if ((text.split('.')[1] ?? '').replace(/0+$/, '').length > 2) return { points: text, pointsError: 'TOO_MANY_DECIMALS' };
  return { points: text, pointsError: null };
}

const codeText = (value: unknown) => (value === null || value === undefined ? '' : String(value).normalize('NFC').trim());

function toRows(table: SheetRow[]): SurveyFileRow[] {
  const [header, ...data] = table;
  if (!header) throw spreadsheetError('EMPTY_FILE', 'Tệp không có dữ liệu.', 'The file is empty.');
  const columns = mapColumns(header.cells.map(codeText), SURVEY_COLUMNS) as Record<Column, number>;
  const rows = data
    .filter(({ cells }) => cells.some((cell) => codeText(cell) !== ''))
    .map(({ line, cells }) => ({
      line,
      unitCode: codeText(cells[columns.unitCode]).toUpperCase(),
      criterionCode: codeText(cells[columns.criterionCode]),
      ...readPoints(cells[columns.points]),
    }));
  if (!rows.length)
    throw spreadsheetError('EMPTY_FILE', 'Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu.', 'The file has a header but no data rows.');
  if (rows.length > MAX_ROWS)
    throw spreadsheetError('TOO_MANY_ROWS', `Tệp có quá ${MAX_ROWS} dòng.`, `The file has more than ${MAX_ROWS} rows.`);
  return rows;
}

function readCsv(bytes: Buffer): SurveyFileRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw spreadsheetError(
      'UNSUPPORTED_FILE',
      'Tệp không phải là CSV (UTF-8) hay Excel (.xlsx).',
      'The file is neither a UTF-8 CSV nor an Excel workbook (.xlsx).',
    );
  }
  if (text.includes('\u0000')) {
    throw spreadsheetError(
      'UNSUPPORTED_FILE',
      'Tệp không phải là CSV (UTF-8) hay Excel (.xlsx).',
      'The file is neither a UTF-8 CSV nor an Excel workbook (.xlsx).',
    );
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // Excel in Vietnamese locales writes ';' (the comma is the decimal separator); tabs come from copy-paste.
  const delimiter = [';', '\t', ','].reduce(
    (best, candidate) => (firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best),
    ',',
  );
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    throw spreadsheetError(
      'INVALID_CSV',
      `Không đọc được tệp CSV: ${(error as Error).message}`,
      `The CSV file cannot be read: ${(error as Error).message}`,
    );
  }
  return toRows(records.map((cells, index) => ({ line: index + 1, cells })));
}

/**
 * Reads a survey file, judging the format by its content, never by its name: a name ending in
 * .xlsx on anything that is not a workbook is NOT_XLSX; an old binary .xls is UNSUPPORTED_FILE.
 */
export async function parseSurveyFile(bytes: Buffer, fileName: string): Promise<SurveyFile> {
  if (!bytes.length) throw spreadsheetError('EMPTY_FILE', 'Tệp rỗng.', 'The file is empty.');
  const claimsXlsx = /\.xlsx?$/i.test(fileName);
  if (isXlsx(bytes)) return { format: 'xlsx', rows: toRows(await readFirstSheet(bytes)) };
  if (isOldXls(bytes)) throw oldXls();
  if (claimsXlsx) {
    throw spreadsheetError(
      'NOT_XLSX',
      `Tệp "${fileName}" mang đuôi .xlsx nhưng nội dung không phải là bảng tính Excel.`,
      `"${fileName}" is named .xlsx but its content is not an Excel workbook.`,
    );
  }
  return { format: 'csv', rows: readCsv(bytes) };
}
