import type { AppContext } from '../access/index.ts';
import { sheetEvidenceLoader, type EvidenceView } from '../evidence/index.ts';
import { dayText } from '../shared/dates.ts';
import { decimalVi, fromHundredths, toHundredths } from '../shared/decimal.ts';
import { bodyParagraph, dataTable, officialDocx } from '../shared/docx.ts';
import { UnitBlock } from '../units/index.ts';
import { BLOCK_VI, rankingToExport } from './results.export.ts';
import { canReadDetails, type ResultsPeriod } from './results.read.ts';
import { querySheetLines, type SheetLine } from './sheet.read.ts';

/**
 * The index's official documents as .docx (Decree 30 layout, shared/docx.ts), beside the .xlsx
 * exports: the results appendix the department issues, and a unit's self-assessment report.
 */

const DEPARTMENT_HEADER = ['UBND THÀNH PHỐ HÀ NỘI', 'SỞ NỘI VỤ'];

/** The columns of the self-assessment table; a reader (and the test) finds them by these names. */
export const SELF_ASSESSMENT_COLUMNS = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Ghi chú, giải trình'];
const SELF_ASSESSMENT_WIDTHS = [6, 34, 8, 8, 28, 16];

/** Ranking columns before the area columns (one per area: its component index). */
export const APPENDIX_COLUMNS = ['Xếp hạng', 'Mã đơn vị', 'Tên đơn vị', 'Chỉ số CCHC (%)', 'Nhóm'];

/**
 * The results appendix (phụ lục kết quả): per block, the ranked units with their index and the
 * component index of each area. Component indices only where the caller may read a unit's details,
 * as in the .xlsx.
 */
export async function resultsAppendixDocx(ctx: AppContext, period: ResultsPeriod, block: UnitBlock | null): Promise<Buffer> {
  const { rows, areas } = await rankingToExport(ctx, period, block);
  const headers = [...APPENDIX_COLUMNS, ...areas.map(([code]) => `Lĩnh vực ${code} (%)`)];
  const areaWidth = areas.length ? Math.floor(50 / areas.length) : 0;
  const widths = [7, 9, 100 - 7 - 9 - 9 - 6 - areaWidth * areas.length - 2, 9, 6, ...areas.map(() => areaWidth)];
  const blocks = [...new Set(rows.map((row) => row.block))];
  const body = blocks.flatMap((rowBlock, index) => {
    const ranked = rows.filter((row) => row.block === rowBlock);
    return [
      bodyParagraph(`${index + 1}. Khối ${BLOCK_VI[rowBlock] ?? rowBlock} (${ranked.length} đơn vị)`, { bold: true }),
      dataTable(
        headers,
        ranked.map((row) => {
          const details = canReadDetails(ctx, period, row.unitId);
          const byArea = new Map(row.areas.map((area) => [area.code, area.index]));
          return [
            row.rank ?? '',
            row.unitCode,
            row.unitName,
            decimalVi(row.index),
            row.groupCode ?? '',
            ...areas.map(([code]) => (details ? decimalVi(byArea.get(code)) : '')),
          ];
        }),
        widths,
      ),
    ];
  });
  return officialDocx({
    issuingBody: DEPARTMENT_HEADER,
    symbol: 'PL-SNV',
    place: 'Hà Nội',
    date: null,
    type: 'PHỤ LỤC',
    title: `Kết quả Chỉ số cải cách hành chính năm ${period.year}${block ? ` – khối ${BLOCK_VI[block]}` : ''}`,
    body: [
      bodyParagraph(
        areas.length
          ? `Chỉ số thành phần theo lĩnh vực: ${areas.map(([code, title]) => `${code}. ${title}`).join('; ')}.`
          : 'Chưa có kết quả chấm điểm.',
        { italics: true },
      ),
      ...body,
    ],
    signer: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    recipients: ['UBND Thành phố (để báo cáo)', 'Các sở, ban, ngành; UBND các quận, huyện, thị xã', 'Lưu: VT, CCHC'],
    landscape: true,
  });
}

/** "243/KH-UBND ngày 28/08/2023: Kế hoạch CCHC năm 2023" (what is known of it; the file name otherwise). */
function citation(document: EvidenceView): string {
  const head = [document.documentNumber, document.issueDate ? `ngày ${dayText(document.issueDate)}` : null].filter(Boolean).join(' ');
  const name = document.title ?? document.fileName;
  return head ? `${head}: ${name}` : name;
}

function selfAssessmentRow(line: SheetLine, documents: EvidenceView[]): string[] {
  const notApplicable = line.isLeaf && line.applicable === false;
  return [
    line.code,
    line.title,
    decimalVi(line.maxPoints),
    notApplicable ? 'Không áp dụng' : decimalVi(line.isLeaf ? line.selfPoints : null),
    documents.map((document) => `- ${citation(document)}`).join('\n'),
    line.note ?? '',
  ];
}

/** Where a district or commune committee dates its documents: its own name ("UBND thị xã Sơn Tây" → "Sơn Tây"). */
const placeOf = (committee: string) =>
  committee.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(thành phố|quận|huyện|thị xã|thị trấn|xã|phường)\s+/iu, '');

/** Sums of the self-scores by kind: criteria scored by the unit against their maximum, bonus and deduction points. */
function selfAssessmentSummary(lines: SheetLine[]): string[] {
  const leaves = lines.filter((line) => line.isLeaf && line.applicable !== false);
  const sum = (kind: string, pick: (line: SheetLine) => string | null) =>
    decimalVi(
      fromHundredths(
        leaves.filter((line) => line.kind === kind).reduce((total, line) => total + toHundredths(pick(line) ?? '0', 'points'), 0),
      ),
    );
  const unscored = leaves.filter((line) => line.kind === 'SELF_SCORED' && line.selfPoints === null).length;
  return [
    `Tổng điểm tự chấm: ${sum('SELF_SCORED', (line) => line.selfPoints)}/${sum('SELF_SCORED', (line) => line.maxPoints)} điểm tối đa ` +
      `của các tiêu chí thành phần đơn vị tự chấm (không kể tiêu chí điều tra xã hội học)` +
      (unscored ? `; còn ${unscored} tiêu chí thành phần chưa chấm.` : '.'),
    `Điểm thưởng tự chấm: ${sum('BONUS', (line) => line.selfPoints)}; điểm trừ tự chấm: ${sum('DEDUCTION', (line) => line.selfPoints)}.`,
  ];
}

/**
 * A unit's self-assessment report (báo cáo tự đánh giá, chấm điểm): every criterion with its maximum
 * and the self-score, each sub-criterion with the documents cited as its evidence and the unit's note,
 * and the total. Issued by the unit itself, to the department.
 */
export async function selfAssessmentDocx(
  ctx: AppContext,
  period: { id: number; year: number },
  unit: { id: number; name: string; block: UnitBlock },
  sheetId: number | null,
): Promise<Buffer> {
  const [lines, evidence] = await Promise.all([
    querySheetLines(ctx.em, period.id, unit.id),
    sheetId === null ? null : sheetEvidenceLoader(ctx).load(sheetId),
  ]);
  const documentsOf = new Map<number, EvidenceView[]>();
  for (const document of evidence?.documents ?? []) {
    for (const criterionId of document.linkedCriterionIds)
      documentsOf.set(criterionId, [...(documentsOf.get(criterionId) ?? []), document]);
  }
  const summary = selfAssessmentSummary(lines);
  const isDepartment = unit.block === UnitBlock.DEPARTMENT;
  return officialDocx({
    // Decree 30: a department names the city above itself; a district or commune committee stands alone.
    issuingBody: isDepartment ? ['UBND THÀNH PHỐ HÀ NỘI', unit.name] : [unit.name],
    symbol: 'BC',
    place: isDepartment ? 'Hà Nội' : placeOf(unit.name),
    date: null,
    type: 'BÁO CÁO',
    title: `Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${period.year}`,
    body: [
      bodyParagraph(
        `${unit.name} báo cáo kết quả tự đánh giá, chấm điểm các tiêu chí, tiêu chí thành phần của Chỉ số cải cách hành chính năm ${period.year} như sau:`,
      ),
      ...summary.map((text) => bodyParagraph(text)),
      dataTable(
        SELF_ASSESSMENT_COLUMNS,
        lines.map((line) => selfAssessmentRow(line, documentsOf.get(line.criterionId) ?? [])),
        SELF_ASSESSMENT_WIDTHS,
      ),
    ],
    signer: isDepartment ? ['GIÁM ĐỐC'] : ['CHỦ TỊCH'],
    recipients: ['Sở Nội vụ thành phố Hà Nội', 'Lưu: VT'],
    landscape: true,
  });
}
