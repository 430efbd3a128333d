import { CriterionKind } from '../criteria/index.ts';
import { citationMismatches } from '../shared/citation.ts';
import { dayText } from '../shared/dates.ts';
import { decimalVi, toHundredths } from '../shared/decimal.ts';
import type { Locale, Localized } from '../shared/i18n.ts';
import {
  CheckProblemCode,
  ProblemSeverity,
  type CheckProblemView,
  type LinkedDocument,
  type SelfAssessmentCheckView,
} from './scoring.types.ts';
import type { MeasuredPoints } from './measured.ts';
import type { SheetDetail } from './sheet.logic.ts';

const SEVERITY: Record<CheckProblemCode, ProblemSeverity> = {
  [CheckProblemCode.NO_SCORE]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.NO_EVIDENCE_OR_EXPLANATION]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.SURVEY_SELF_SCORED]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.NOT_APPLICABLE_WITHOUT_REASON]: ProblemSeverity.BLOCKING,
  // A plan issued in December for the next year is legitimate: the unit should look, not be stopped.
  [CheckProblemCode.EVIDENCE_OUTSIDE_YEAR]: ProblemSeverity.WARNING,
  // What the file states is read by a program: it tells the unit where to look, it decides nothing.
  [CheckProblemCode.FILE_DATE_OUTSIDE_YEAR]: ProblemSeverity.WARNING,
  [CheckProblemCode.NUMBER_DIFFERS_FROM_FILE]: ProblemSeverity.WARNING,
  [CheckProblemCode.BARE_SCAN]: ProblemSeverity.WARNING,
  [CheckProblemCode.SIGNED_FILE_CHANGED]: ProblemSeverity.WARNING,
  // The facts may lag (a report not entered yet): the unit should look, and explain, not be stopped.
  [CheckProblemCode.ABOVE_MONITORED]: ProblemSeverity.WARNING,
};

/** What a message may name: the document concerned, or the self-score and what was measured. */
type Subject = Partial<LinkedDocument> & { points?: string; measured?: MeasuredPoints };

/** Messages of evidence problems name the document (`label`: its number, else its file name). */
const MESSAGES: Record<CheckProblemCode, (subject: Subject) => Localized> = {
  [CheckProblemCode.NO_SCORE]: () => ({ vi: 'Chưa tự chấm điểm.', en: 'Not scored yet.' }),
  [CheckProblemCode.NO_EVIDENCE_OR_EXPLANATION]: () => ({
    vi: 'Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình.',
    en: 'Scored above zero with neither evidence nor an explanation.',
  }),
  [CheckProblemCode.SURVEY_SELF_SCORED]: () => ({
    vi: 'Tiêu chí điều tra xã hội học không được tự chấm điểm.',
    en: 'Survey items are not self-scored.',
  }),
  [CheckProblemCode.NOT_APPLICABLE_WITHOUT_REASON]: () => ({
    vi: 'Đánh dấu không áp dụng nhưng chưa nêu lý do.',
    en: 'Marked not applicable without a reason.',
  }),
  [CheckProblemCode.EVIDENCE_OUTSIDE_YEAR]: ({ label }) => ({
    vi: `Tài liệu kiểm chứng ${label} ban hành ngoài năm đánh giá.`,
    en: `Evidence ${label} is dated outside the assessment year.`,
  }),
  [CheckProblemCode.FILE_DATE_OUTSIDE_YEAR]: ({ label, readDate }) => ({
    vi: `Tệp ${label} ghi ngày ban hành ${dayText(readDate)}, ngoài năm đánh giá.`,
    en: `File ${label} states it was issued on ${dayText(readDate)}, outside the assessment year.`,
  }),
  [CheckProblemCode.NUMBER_DIFFERS_FROM_FILE]: ({ documentNumber, readNumber }) => ({
    vi: `Số, ký hiệu đã nhập ${documentNumber} khác với số ghi trong tệp: ${readNumber}.`,
    en: `The number entered, ${documentNumber}, differs from the one the file states: ${readNumber}.`,
  }),
  [CheckProblemCode.BARE_SCAN]: ({ label }) => ({
    vi: `Tệp ${label} là bản quét không có lớp văn bản và chưa nhập số, ngày ban hành.`,
    en: `File ${label} is a scan without a text layer, and no number or issue date was entered for it.`,
  }),
  [CheckProblemCode.SIGNED_FILE_CHANGED]: ({ label }) => ({
    vi: `Tệp ${label} có chữ ký số nhưng đã bị thay đổi sau khi ký.`,
    en: `File ${label} is digitally signed but was changed after signing.`,
  }),
  [CheckProblemCode.ABOVE_MONITORED]: ({ points, measured }) => ({
    vi: `Điểm tự chấm ${decimalVi(points)} cao hơn mức ${decimalVi(measured?.points)} theo số liệu theo dõi CCHC: ${measured?.facts}`,
    en: `The self-score ${points} is above the ${measured?.points} the PAR monitoring facts give: ${measured?.facts}`,
  }),
};

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** The evidence problems of one linked document: its dates against the year, what it states against what was entered. */
function documentProblems(document: LinkedDocument, year: number): CheckProblemCode[] {
  const codes: CheckProblemCode[] = [];
  if (document.issueDate && yearOf(document.issueDate) !== year) codes.push(CheckProblemCode.EVIDENCE_OUTSIDE_YEAR);
  // The same date entered is already reported above.
  if (document.readDate && yearOf(document.readDate) !== year && document.readDate !== document.issueDate) {
    codes.push(CheckProblemCode.FILE_DATE_OUTSIDE_YEAR);
  }
  const entered = { documentNumber: document.documentNumber, issueDate: null, issuingBody: null };
  if (citationMismatches(entered, { documentNumber: document.readNumber, issueDate: null, issuingBody: null }).length) {
    codes.push(CheckProblemCode.NUMBER_DIFFERS_FROM_FILE);
  }
  if (document.readStatus === 'NO_TEXT' && !document.documentNumber && !document.issueDate) codes.push(CheckProblemCode.BARE_SCAN);
  if (document.signatureStatus === 'CHANGED') codes.push(CheckProblemCode.SIGNED_FILE_CHANGED);
  return codes;
}

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/**
 * The problems of each sub-criterion, in criteria order; blocking ones prevent submission. `measured`: points other
 * systems measured for sub-criteria (measured.ts), in `locale`; a self-score above them is a warning.
 */
export function checkSheet(
  sheetId: number | null,
  detail: SheetDetail,
  year: number,
  locale: Locale,
  measured: ReadonlyMap<number, MeasuredPoints> = new Map(),
): SelfAssessmentCheckView {
  // A save's read-back has no documents: checking it would report every evidenced item as lacking evidence.
  if (!detail.withDocuments) throw new Error('checkSheet needs a sheet detail with its linked documents');
  const problems: CheckProblemView[] = [];
  const report = (node: SheetDetail['nodes'][number], code: CheckProblemCode, subject?: Subject) =>
    problems.push({
      criterionId: node.criterion.id,
      criterionCode: node.criterion.code,
      code,
      severity: SEVERITY[code],
      message: MESSAGES[code](subject ?? {})[locale],
      evidenceId: subject?.id ?? null,
    });

  for (const node of detail.nodes) {
    const { criterion, score } = node;
    if (!criterion.isLeaf) continue;
    if (criterion.kind === CriterionKind.SURVEY) {
      if (score?.points != null) report(node, CheckProblemCode.SURVEY_SELF_SCORED);
      continue;
    }
    if (score && !score.applicable) {
      if (blank(score.notApplicableReason)) report(node, CheckProblemCode.NOT_APPLICABLE_WITHOUT_REASON);
      continue;
    }
    if (score?.points == null) {
      // Bonus and deduction items are optional: no score means none.
      if (criterion.kind === CriterionKind.SELF_SCORED) report(node, CheckProblemCode.NO_SCORE);
      continue;
    }
    const evidenced = criterion.kind !== CriterionKind.DEDUCTION && Number(score.points) > 0;
    if (evidenced && score.documents.length === 0 && blank(score.note)) report(node, CheckProblemCode.NO_EVIDENCE_OR_EXPLANATION);
    const figure = measured.get(criterion.id);
    if (figure && toHundredths(score.points, 'points') > toHundredths(figure.points, 'points')) {
      report(node, CheckProblemCode.ABOVE_MONITORED, { points: score.points, measured: figure });
    }
    for (const document of score.documents) {
      for (const code of documentProblems(document, year)) report(node, code, document);
    }
  }
  const blockingCount = problems.filter((problem) => problem.severity === ProblemSeverity.BLOCKING).length;
  return { sheetId, problems, blockingCount, warningCount: problems.length - blockingCount, passes: blockingCount === 0 };
}
