import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { bodyParagraph, dataTable, officialDocx } from '../shared/docx.ts';
import type { SynthesisRowView, SynthesisSummaryView } from './consultation.types.ts';
import { FeedbackAspect, FeedbackResolution, FeedbackResponseStatus } from './feedback.entity.ts';

/** Vietnamese names used in the synthesis report (the portal has its own, in both languages). */
const ASPECT_VI: Record<FeedbackAspect, string> = {
  [FeedbackAspect.SCORING_METHOD]: 'Cách thức chấm điểm',
  [FeedbackAspect.EVIDENCE_REQUIREMENT]: 'Tài liệu kiểm chứng',
  [FeedbackAspect.MAX_POINTS]: 'Điểm tối đa',
  [FeedbackAspect.GENERAL]: 'Ý kiến chung',
};

const RESOLUTION_VI: Record<FeedbackResolution, string> = {
  [FeedbackResolution.ACCEPTED]: 'Tiếp thu',
  [FeedbackResolution.PARTIALLY_ACCEPTED]: 'Tiếp thu một phần',
  [FeedbackResolution.NOTED]: 'Ghi nhận',
  [FeedbackResolution.NOT_ACCEPTED]: 'Không tiếp thu – giải trình',
};

export interface SynthesisDocument {
  title: string;
  introduction: string;
  draftTitle: string;
  draftVersion: number;
  opensAt: Date;
  closesAt: Date;
  summary: SynthesisSummaryView;
  rows: AsyncIterable<SynthesisRowView>;
}

/** The header of the table; the test and any reader find the columns by these names. */
export const SYNTHESIS_COLUMNS = [
  { header: 'STT', width: 6 },
  { header: 'Mã tiêu chí', width: 11 },
  { header: 'Tiêu chí', width: 40 },
  { header: 'Đơn vị góp ý', width: 28 },
  { header: 'Nội dung được góp ý', width: 20 },
  { header: 'Nội dung góp ý', width: 60 },
  { header: 'Đề xuất sửa đổi', width: 50 },
  { header: 'Tiếp thu', width: 22 },
  { header: 'Giải trình', width: 60 },
  { header: 'Tiêu chí ở phiên bản sau', width: 14 },
] as const;

const nfc = (text: string | null | undefined) => (text ?? '').normalize('NFC');
const dateVi = (date: Date) => date.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

function introductionLines(doc: Omit<SynthesisDocument, 'rows'>): string[] {
  const s = doc.summary;
  const resolutions = s.byResolution
    .map((row) => `${row.resolution ? RESOLUTION_VI[row.resolution] : 'Chưa trả lời'}: ${row.count}`)
    .join('; ');
  return [
    `Dự thảo: ${doc.draftTitle} (phiên bản ${doc.draftVersion}). Thời gian lấy ý kiến: từ ${dateVi(doc.opensAt)} đến ${dateVi(doc.closesAt)}.`,
    ...(doc.introduction ? [doc.introduction] : []),
    `Số đơn vị được lấy ý kiến: ${s.unitsInvited}.`,
    `Số đơn vị có ý kiến trả lời: ${s.unitsAnswered} (có góp ý: ${s.unitsCommented}; nhất trí, không có ý kiến: ${s.unitsAgreedWithoutComment}); ` +
      `được lãnh đạo đơn vị xác nhận: ${s.unitsConfirmed}.`,
    `Số đơn vị không có ý kiến trả lời (coi như nhất trí): ${s.unitsNotAnswered}.`,
    `Tổng số ý kiến góp ý: ${s.comments} (${s.byAspect.map((row) => `${ASPECT_VI[row.aspect]}: ${row.count}`).join('; ')}).`,
    `Kết quả tiếp thu, giải trình: ${resolutions}.`,
  ];
}

function cells(row: SynthesisRowView, index: number): (string | number)[] {
  const resolution = row.resolution
    ? `${RESOLUTION_VI[row.resolution]}${row.responseStatus === FeedbackResponseStatus.DRAFT ? ' (dự thảo)' : ''}`
    : 'Chưa trả lời';
  return [
    index,
    nfc(row.criterionCode),
    row.criterionTitle ? nfc(row.criterionTitle) : 'Góp ý chung cho toàn bộ dự thảo',
    nfc(row.unitName),
    ASPECT_VI[row.aspect],
    nfc(row.text),
    nfc(row.proposedWording),
    resolution,
    nfc(row.explanation),
    nfc(row.revisedCriterionCode),
  ];
}

/**
 * exceljs's row.commit() ignores backpressure (exceljs issues #464, #734): the sheet's buffer writes
 * into the zip entry's stream regardless, and that stream grows while compression or the client
 * lags. We wait on that stream, the worksheet's pipe, whenever it is full.
 */
function sheetPipes(sheet: ExcelJS.Worksheet): Writable[] {
  return (sheet as unknown as { stream: { pipes?: Writable[] } }).stream.pipes ?? [];
}

/** archiver's streams come from readable-stream 2, which lacks `writableNeedDrain`: read the state it has. */
const needsDrain = (stream: Writable) =>
  stream.writableNeedDrain ?? (stream as unknown as { _writableState?: { needDrain: boolean } })._writableState?.needDrain ?? false;

/** Waits until `stream` wants more; fails if `out` closes first (the client went away). */
async function drained(stream: Writable, out: Writable): Promise<void> {
  await Promise.race([once(stream, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new Error('The download was closed before the synthesis was written.');
}

/**
 * Writes the synthesis (bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý) as .xlsx to `out`, row by
 * row: exceljs's streaming writer zips each committed row away, and we wait whenever the zip is
 * behind (and so whenever `out` is full), so memory stays flat however many comments there are.
 */
export async function writeSynthesisXlsx(out: Writable, doc: SynthesisDocument): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Chỉ số CCHC Hà Nội';
  const sheet = workbook.addWorksheet('Tổng hợp ý kiến', { views: [{ state: 'frozen', ySplit: 0 }] });
  sheet.columns = SYNTHESIS_COLUMNS.map((column) => ({ width: column.width }));
  const last = SYNTHESIS_COLUMNS.length;
  const line = (text: string, style: Partial<ExcelJS.Style> = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).style = { alignment: { wrapText: true, vertical: 'top' }, ...style };
    row.commit();
  };
  line('BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý', { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } });
  line(nfc(doc.title), { font: { bold: true }, alignment: { horizontal: 'center', wrapText: true } });
  line('I. KHÁI QUÁT', { font: { bold: true } });
  for (const text of introductionLines(doc)) line(nfc(text));
  line('II. CHI TIẾT Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH', { font: { bold: true } });
  const header = sheet.addRow(SYNTHESIS_COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.commit();

  let count = 0;
  for await (const row of doc.rows) {
    const added = sheet.addRow(cells(row, ++count));
    added.alignment = { wrapText: true, vertical: 'top' };
    added.commit();
    for (const pipe of sheetPipes(sheet)) if (needsDrain(pipe)) await drained(pipe, out);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** Column widths (percent of the table) of the .docx table, beside SYNTHESIS_COLUMNS. */
const DOCX_WIDTHS = [4, 6, 14, 11, 8, 17, 12, 8, 14, 6];

/**
 * The synthesis as an official document (.docx, Decree 30 layout, A4 landscape): the department's
 * header, the introduction with the counts of units invited, answered and silent, then one table
 * row per comment. Built in memory (`docx` has no streaming writer); 2,000 comments take about a second.
 */
export async function writeSynthesisDocx(doc: Omit<SynthesisDocument, 'rows'>, rows: SynthesisRowView[]): Promise<Buffer> {
  return officialDocx({
    issuingBody: ['UBND THÀNH PHỐ HÀ NỘI', 'SỞ NỘI VỤ'],
    symbol: 'BC-SNV',
    place: 'Hà Nội',
    date: null,
    type: 'BẢNG TỔNG HỢP',
    title: `Tiếp thu, giải trình ý kiến góp ý: ${nfc(doc.title)}`,
    body: [
      bodyParagraph('I. KHÁI QUÁT', { bold: true }),
      ...introductionLines(doc).map((text) => bodyParagraph(nfc(text))),
      bodyParagraph('II. CHI TIẾT Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH', { bold: true }),
      dataTable(
        SYNTHESIS_COLUMNS.map((column) => column.header),
        rows.map((row, index) => cells(row, index + 1)),
        DOCX_WIDTHS,
      ),
    ],
    signer: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    recipients: ['Các đơn vị được lấy ý kiến', 'Lưu: VT, CCHC'],
    landscape: true,
  });
}
