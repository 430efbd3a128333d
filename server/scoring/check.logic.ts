import { CriterionKind } from '../criteria/index.ts';
import type { Locale, Localized } from '../shared/i18n.ts';
import { CheckProblemCode, ProblemSeverity, type CheckProblemView, type SelfAssessmentCheckView } from './scoring.types.ts';
import type { SheetDetail } from './sheet.logic.ts';

const SEVERITY: Record<CheckProblemCode, ProblemSeverity> = {
  [CheckProblemCode.NO_SCORE]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.NO_EVIDENCE_OR_EXPLANATION]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.SURVEY_SELF_SCORED]: ProblemSeverity.BLOCKING,
  [CheckProblemCode.NOT_APPLICABLE_WITHOUT_REASON]: ProblemSeverity.BLOCKING,
  // A plan issued in December for the next year is legitimate: the unit should look, not be stopped.
  [CheckProblemCode.EVIDENCE_OUTSIDE_YEAR]: ProblemSeverity.WARNING,
};

const MESSAGES: Record<CheckProblemCode, (detail: string) => Localized> = {
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
  [CheckProblemCode.EVIDENCE_OUTSIDE_YEAR]: (detail) => ({
    vi: `Tài liệu kiểm chứng ${detail} ban hành ngoài năm đánh giá.`,
    en: `Evidence ${detail} is dated outside the assessment year.`,
  }),
};

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/** The problems of each sub-criterion, in criteria order; blocking ones prevent submission. */
export function checkSheet(sheetId: number, detail: SheetDetail, year: number, locale: Locale): SelfAssessmentCheckView {
  const problems: CheckProblemView[] = [];
  const report = (node: SheetDetail['nodes'][number], code: CheckProblemCode, evidenceId: number | null = null, detailText = '') =>
    problems.push({
      criterionId: node.criterion.id,
      criterionCode: node.criterion.code,
      code,
      severity: SEVERITY[code],
      message: MESSAGES[code](detailText)[locale],
      evidenceId,
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
    for (const document of score.documents) {
      if (document.issueDate && Number(document.issueDate.slice(0, 4)) !== year) {
        report(node, CheckProblemCode.EVIDENCE_OUTSIDE_YEAR, document.id, document.label);
      }
    }
  }
  const blockingCount = problems.filter((problem) => problem.severity === ProblemSeverity.BLOCKING).length;
  return { sheetId, problems, blockingCount, warningCount: problems.length - blockingCount, passes: blockingCount === 0 };
}
