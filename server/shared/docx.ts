import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import type { Response } from 'express';
import { dispositionOf } from './download.ts';

/**
 * Official documents in the state's format for administrative documents (Decree 30/2020/NĐ-CP,
 * appendix I): A4, Times New Roman, the issuing body top left and the national motto top right,
 * "Số: …/…" under the body, place and date under the motto, the type and title in capitals,
 * the body, then "Nơi nhận" and the signature block. Built with `docx`.
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 12 pt header lines, 11 pt "Nơi nhận" list. */
const SIZE = { body: 26, header: 26, motto: 26, table: 22, small: 22 };
/** A4 in twentieths of a point, margins 20 mm top and bottom, 30 mm left, 15 mm right. */
const A4 = { width: 11906, height: 16838 };
const MM = 56.7;

export interface OfficialDocument {
  /** The issuing body, the parent first ("UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"); the last line is bold. */
  issuingBody: string[];
  /** Type abbreviation and body abbreviation for "Số:      /BC-SNV" (the number is left blank for the clerk). */
  symbol: string;
  place: string;
  /** null leaves "ngày    tháng    năm" for the date of signing. */
  date: Date | null;
  /** BÁO CÁO, KẾ HOẠCH…; null for a letter (công văn). */
  type: string | null;
  title: string;
  body: FileChild[];
  /** The signing authority, e.g. ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  signer: string[];
  recipients: string[];
  /** Wide tables read better across the page. */
  landscape?: boolean;
}

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text: text.normalize('NFC'),
    font: FONT,
    size: options.size ?? SIZE.body,
    bold: options.bold,
    italics: options.italics,
    underline: options.underline ? {} : undefined,
  });

/** A paragraph of the body: justified, first line indented 1 cm, 6 pt after. */
export const bodyParagraph = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { after: 120 },
    children: [run(text, options)],
  });

export const centered = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, options)] });

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** Two columns without borders: the header block and the "Nơi nhận | signature" block are laid out this way. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 40): Table {
  const cell = (children: Paragraph[], share: number) =>
    new TableCell({ children, width: { size: share, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftShare), cell(right, 100 - leftShare)] })],
  });
}

const dateLine = (place: string, date: Date | null) => {
  if (!date) return `${place}, ngày     tháng     năm ${new Date().getFullYear()}`;
  const [day, month, year] = date.toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).split('/');
  // Decree 30: days below 10 and months below 3 take a leading zero.
  return `${place}, ngày ${day} tháng ${Number(month) < 3 ? month : Number(month)} năm ${year}`;
};

/** A table with a bold header row repeated on every page, cells in 11 pt. */
export function dataTable(headers: string[], rows: (string | number)[][], widths: number[]): Table {
  const cell = (text: string | number, width: number, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.TOP,
      children: String(text)
        .split('\n')
        .map((line) => new Paragraph({ children: [run(line, { size: SIZE.table, bold })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((header, index) => cell(header, widths[index]!, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((value, index) => cell(value, widths[index]!)) })),
    ],
  });
}

/** The document as .docx bytes. */
export async function officialDocx(doc: OfficialDocument): Promise<Buffer> {
  const body = doc.issuingBody.map((line, index) =>
    centered(line.toUpperCase(), { bold: index === doc.issuingBody.length - 1, size: SIZE.header }),
  );
  const header = twoColumns(
    [...body, centered('________'), centered(`Số:        /${doc.symbol}`, { size: SIZE.body })],
    [
      centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.header }),
      centered('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE.motto }),
      centered('________________________'),
      centered(dateLine(doc.place, doc.date), { italics: true, size: SIZE.body }),
    ],
  );
  const title = [
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    ...(doc.type ? [centered(doc.type, { bold: true, size: 28 })] : []),
    centered(doc.title, { bold: true }),
    centered('__________'),
  ];
  const closing = twoColumns(
    [
      new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
      ...doc.recipients.map((line) => new Paragraph({ children: [run(`- ${line};`, { size: SIZE.small })] })),
    ],
    [...doc.signer.map((line) => centered(line, { bold: true })), new Paragraph({ spacing: { after: 1400 }, children: [] })],
    45,
  );
  const orientation = doc.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT;
  const document = new Document({
    creator: 'Chỉ số CCHC Hà Nội',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        children: [header, ...title, ...doc.body, new Paragraph({ children: [] }), closing],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Sends a built document as a download (never cached: it is built from live data). */
export function sendDocx(res: Response, fileName: string, content: Buffer): void {
  res.setHeader('content-type', DOCX_TYPE);
  res.setHeader('content-disposition', dispositionOf(fileName));
  res.setHeader('cache-control', 'no-store');
  res.end(content);
}
