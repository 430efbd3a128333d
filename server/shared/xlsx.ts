import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { dispositionOf } from './download.ts';
import { domainError } from './errors.ts';
import { textKey } from './text.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The headers of a spreadsheet download (never cached: it is built from live data). */
export function setWorkbookHeaders(res: Response, fileName: string): void {
  res.setHeader('content-type', XLSX_TYPE);
  res.setHeader('content-disposition', dispositionOf(fileName));
  res.setHeader('cache-control', 'no-store');
}

/**
 * A workbook streamed into the HTTP response as it is written (exceljs streaming writer): rows
 * are committed one by one, so memory does not grow with the number of rows.
 */
export function streamWorkbook(res: Response, fileName: string): ExcelJS.stream.xlsx.WorkbookWriter {
  setWorkbookHeaders(res, fileName);
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
}

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  decimal?: boolean;
  /** Cells hold dates (UTC midnight), shown dd/mm/yyyy. */
  date?: boolean;
}

/** A worksheet with a bold, frozen header row; decimal columns show two places, date columns dd/mm/yyyy. */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: SheetColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width ?? 14,
    ...(column.decimal ? { style: { numFmt: '0.00' } } : column.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A 'YYYY-MM-DD' day as an Excel date cell (UTC midnight, as Excel has no time zone); null stays empty. */
export const excelDate = (value: string | null | undefined): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

/** A decimal string ('12.50') as an Excel number; null stays an empty cell. */
export const excelNumber = (value: string | null | undefined): number | null => (value == null ? null : Number(value));

/** The first bytes of a workbook (.xlsx, a ZIP file) and of an Excel 97-2003 file (.xls, OLE2). */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export const isXlsx = (bytes: Buffer) => bytes.subarray(0, 4).equals(ZIP);
export const isOldXls = (bytes: Buffer) => bytes.subarray(0, 4).equals(OLE2);

/** A refusal of an uploaded spreadsheet as a whole (400, on the `file` field). */
export const spreadsheetError = (code: string, vi: string, en: string, extensions: Record<string, unknown> = {}) =>
  domainError(code, { vi, en }, { field: 'file', http: { status: 400 }, ...extensions });

export const notXlsx = () =>
  spreadsheetError('NOT_XLSX', 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.', 'The file is not a valid Excel workbook (.xlsx).');

export const oldXls = () =>
  spreadsheetError(
    'UNSUPPORTED_FILE',
    'Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy lưu lại dưới dạng .xlsx.',
    'Excel 97-2003 files (.xls) are not supported: save it as .xlsx.',
  );

/** What an exceljs cell holds, as a plain value (formula results, rich text and hyperlinks unwrapped). */
export function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return value.text;
  if ('error' in value) return String(value.error);
  return null;
}

/** One row of a worksheet: its 1-based number as the user sees it, and its cells' plain values from column A. */
export interface SheetRow {
  line: number;
  cells: unknown[];
}

/**
 * The non-empty rows of a workbook's first worksheet: NOT_XLSX when the bytes are no readable workbook (an .xls is
 * UNSUPPORTED_FILE), EMPTY_FILE without a worksheet. The content decides, never the name.
 */
export async function readFirstSheet(bytes: Buffer): Promise<SheetRow[]> {
  if (isOldXls(bytes)) throw oldXls();
  if (!isXlsx(bytes)) throw notXlsx();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw spreadsheetError('EMPTY_FILE', 'Bảng tính không có trang nào.', 'The workbook has no worksheet.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based, index 0 unused
    rows.push({ line, cells: values.slice(1).map(cellValue) });
  });
  return rows;
}

/** A column an import reads: its header in the template and the headers it is recognised by (compared by `textKey`). */
export interface ImportColumn {
  header: string;
  aliases: readonly string[];
  /** Optional columns may be left out of the file; a required one missing is WRONG_COLUMNS. */
  optional?: boolean;
}

/**
 * Which position holds each column in a header row (headers compared by `textKey`; other columns are ignored):
 * WRONG_COLUMNS when a required column is missing or any column appears twice.
 */
export function mapColumns<K extends string>(header: string[], columns: Record<K, ImportColumn>): Record<K, number | undefined> {
  const found = header.map(textKey);
  const map = {} as Record<K, number | undefined>;
  for (const [column, { aliases, optional }] of Object.entries(columns) as [K, ImportColumn][]) {
    const positions = found.flatMap((name, index) => (aliases.includes(name) ? [index] : []));
    if (positions.length > 1 || (positions.length === 0 && !optional)) {
      const expected = Object.values<ImportColumn>(columns)
        .filter((c) => !c.optional)
        .map((c) => c.header);
      const listed = header.filter(Boolean).join(', ');
      throw spreadsheetError(
        'WRONG_COLUMNS',
        `Tệp cần đúng một cột cho mỗi cột: ${expected.join(', ')} (tìm thấy: ${listed || 'không có'}). Hãy dùng tệp mẫu.`,
        `The file needs exactly one column for each of: ${expected.join(', ')} (found: ${listed || 'none'}). Use the template.`,
        { expected, found: header },
      );
    }
    map[column] = positions[0];
  }
  return map;
}
