import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { dispositionOf } from './download.ts';

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
}

/** A worksheet with a bold, frozen header row; decimal columns show two places. */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: SheetColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width ?? 14,
    ...(column.decimal ? { style: { numFmt: '0.00' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A decimal string ('12.50') as an Excel number; null stays an empty cell. */
export const excelNumber = (value: string | null | undefined): number | null => (value == null ? null : Number(value));
