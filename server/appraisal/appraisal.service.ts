import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from '@mikro-orm/postgresql';
import { allowedOnEveryRow, missingRow, type Action, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { CriterionKind, type ScoringBand } from '../criteria/index.ts';
import { Evidence } from '../evidence/index.ts';
import { Score, validatePoints } from '../scoring/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { AppError, badInput, domainError, forbidden } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { Appraisal } from './appraisal.entity.ts';
import { assignmentCovers, findReview, permittedAssignments, reviewSubject, type ReviewRow } from './appraisal.read.ts';
import type { AppraiseInput, EvidenceVerdictInput, RequestExplanationInput } from './appraisal.types.ts';
import { capTotalsOfSheet } from './caps.read.ts';
import { assertDocumentOfScore } from './evidence.read.ts';
import { EvidenceVerdict, ExplanationRequest } from './explanation.entity.ts';

const SCORE = { vi: 'điểm tiêu chí', en: 'Score' };

export interface ItemFacts {
  id: number;
  selfPoints: string | null;
  applicable: boolean;
  code: string;
  kind: CriterionKind;
  maxPoints: string;
  bands: ScoringBand[];
  areaCode: string;
}

export interface AppraisableItem {
  review: ReviewRow;
  item: ItemFacts;
  round: 1 | 2;
}

/** A score's criterion and area (top-level ancestor code): one statement. */
export async function itemFacts(em: EntityManager, scoreId: number): Promise<ItemFacts> {
  const [row] = await em.execute<
    {
      id: number;
      self_points: string | null;
      applicable: boolean;
      code: string;
      kind: CriterionKind;
      max_points: string;
      bands: ScoringBand[];
      area_code: string;
    }[]
  >(
    `with recursive up as (
       select c.id, c.parent_id, c.code from criterion c where c.id = (select criterion_id from score where id = ?)
       union all
       select p.id, p.parent_id, p.code from criterion p join up on p.id = up.parent_id
     )
     select s.id, s.self_points, s.applicable, c.code, c.kind, c.max_points, c.bands,
            (select code from up where parent_id is null) as area_code
       from score s join criterion c on c.id = s.criterion_id where s.id = ?`,
    [scoreId, scoreId],
  );
  return {
    id: row!.id,
    selfPoints: row!.self_points,
    applicable: row!.applicable,
    code: row!.code,
    kind: row!.kind,
    maxPoints: row!.max_points,
    bands: row!.bands,
    areaCode: row!.area_code,
  };
}

/**
 * The sheet under review of a score, locked once `authorise` (the caller's check for `action`) has
 * accepted it. A caller who may not do `action` on every sheet gets FORBIDDEN for a score not under
 * review, as for a denied one; others NOT_UNDER_APPRAISAL if the score exists but is not under review.
 */
export async function reviewOfScore(
  em: EntityManager,
  actor: Actor,
  action: Action,
  scoreId: number,
  authorise: (review: ReviewRow) => void,
): Promise<ReviewRow> {
  const review = await findReview(em, { scoreId }, authorise);
  if (review) return review;
  if (!allowedOnEveryRow(actor, action, 'SheetReview')) throw forbidden();
  if (await em.findOne(Score, scoreId, { fields: ['id'] })) {
    throw domainError('NOT_UNDER_APPRAISAL', {
      vi: 'Bảng điểm này chưa được đưa vào thẩm định.',
      en: 'This score sheet is not under appraisal.',
    });
  }
  throw missingRow(actor, action, 'SheetReview', SCORE, scoreId);
}

const forbiddenBecause = (reason: 'OWN_UNIT' | 'NOT_ASSIGNED' | 'NOT_APPRAISER') =>
  new AppError(
    'FORBIDDEN',
    {
      OWN_UNIT: { vi: 'Không ai được thẩm định đơn vị của chính mình.', en: 'Nobody may appraise their own unit.' },
      NOT_ASSIGNED: {
        vi: 'Tiêu chí này không thuộc phần bạn được phân công thẩm định.',
        en: 'This sub-criterion is not in your appraisal assignment.',
      },
      NOT_APPRAISER: { vi: 'Bạn không có quyền thẩm định.', en: 'You are not allowed to appraise.' },
    }[reason],
    { reason },
  );

/**
 * The score as an item the actor may appraise now: the sheet is under review and locked, CASL
 * allows appraising it (never one's own unit), an assignment covers its area and unit, and a
 * round is open. Each failure has its own code.
 */
export async function appraisableItem(em: EntityManager, actor: Actor, scoreId: number): Promise<AppraisableItem> {
  const review = await reviewOfScore(em, actor, 'appraise', scoreId, (review) => {
    if (!actor.ability.can('appraise', asSubject('SheetReview', reviewSubject(review)))) {
      throw forbiddenBecause(actor.unitId === review.unitId && actor.ability.can('appraise', 'SheetReview') ? 'OWN_UNIT' : 'NOT_APPRAISER');
    }
  });
  const item = await itemFacts(em, scoreId);
  const scopes = await permittedAssignments(em, actor.ability, review.periodId);
  if (!scopes.some((scope) => assignmentCovers(scope, item.areaCode, review.unitId))) throw forbiddenBecause('NOT_ASSIGNED');
  const round = review.cycle.currentRound;
  if (round === null) {
    throw domainError(
      'ROUND_CLOSED',
      {
        vi: 'Không có vòng thẩm định nào đang mở cho kỳ đánh giá này.',
        en: 'No appraisal round is open for this period.',
      },
      { status: review.cycle.status },
    );
  }
  return { review, item, round };
}

/** Deductions are decided by appraisers and always need a reason; other scores when they differ from the self-score. */
function needsReason(item: ItemFacts, points: number): boolean {
  if (item.kind === CriterionKind.DEDUCTION) return points > 0;
  return item.selfPoints === null || toHundredths(item.selfPoints, 'selfPoints') !== points;
}

async function assertWithinCap(em: EntityManager, { review, item, round }: AppraisableItem, points: string): Promise<void> {
  if (item.kind !== CriterionKind.BONUS && item.kind !== CriterionKind.DEDUCTION) return;
  const sheet = await capTotalsOfSheet(em, review.sheetId, { scoreId: item.id, round, points });
  if (!sheet) return;
  const isBonus = item.kind === CriterionKind.BONUS;
  const [before, after, cap] = isBonus
    ? [sheet.bonus, sheet.proposed.bonus, sheet.bonusCap]
    : [sheet.deduction, sheet.proposed.deduction, sheet.deductionCap];
  // A change that lowers the total is always allowed, even if the unit's own proposals exceed the cap.
  if (after > cap && after > before) {
    const messages = isBonus
      ? {
          vi: `Tổng điểm thưởng ${fromHundredths(after)} vượt mức tối đa ${fromHundredths(cap)}.`,
          en: `Total bonus ${fromHundredths(after)} exceeds the cap ${fromHundredths(cap)}.`,
        }
      : {
          vi: `Tổng điểm trừ ${fromHundredths(after)} vượt mức tối đa ${fromHundredths(cap)}.`,
          en: `Total deduction ${fromHundredths(after)} exceeds the cap ${fromHundredths(cap)}.`,
        };
    throw domainError(isBonus ? 'BONUS_CAP_EXCEEDED' : 'DEDUCTION_CAP_EXCEEDED', messages, {
      field: 'points',
      cap: fromHundredths(cap),
      total: fromHundredths(after),
    });
  }
}

const appraisalState = (appraisal: Appraisal) => ({ points: appraisal.points, comment: appraisal.comment ?? null });

/**
 * Sets the appraised score of one sub-criterion in the open round, validated like a self-score.
 * Changing an existing one needs the version the client edited (CONFLICT otherwise). Audited.
 */
export async function appraise(em: EntityManager, actor: Actor, input: AppraiseInput): Promise<void> {
  await em.transactional(async (tx) => {
    const target = await appraisableItem(tx, actor, input.scoreId);
    const { item, review, round } = target;
    if (item.kind === CriterionKind.SURVEY) {
      throw domainError('SURVEY_NOT_APPRAISED', {
        vi: 'Tiêu chí điều tra xã hội học không được thẩm định.',
        en: 'Survey items are never appraised.',
      });
    }
    if (!item.applicable) {
      throw domainError('NOT_APPLICABLE', {
        vi: 'Đơn vị đã đánh dấu tiêu chí này là không áp dụng; hãy trao đổi qua bình luận hoặc yêu cầu giải trình.',
        en: 'The unit marked this sub-criterion not applicable; comment or ask for an explanation instead.',
      });
    }
    const hundredths = validatePoints(item, input.points);
    const points = fromHundredths(hundredths);
    const comment = cleanText(input.comment, 'comment');
    if (!comment && needsReason(item, hundredths)) {
      throw domainError(
        'REASON_REQUIRED',
        {
          vi: item.kind === CriterionKind.DEDUCTION ? 'Cần ghi rõ lý do trừ điểm.' : 'Điểm thẩm định khác điểm tự chấm: cần ghi rõ lý do.',
          en:
            item.kind === CriterionKind.DEDUCTION
              ? 'A deduction needs a reason.'
              : 'A score that differs from the self-score needs a reason.',
        },
        { field: 'comment' },
      );
    }
    await assertWithinCap(tx, target, points);

    const existing = await tx.findOne(Appraisal, { score: item.id, round });
    if (existing && input.version !== existing.version) {
      throw new AppError(
        'CONFLICT',
        {
          vi: 'Điểm thẩm định này vừa được người khác thay đổi; hãy xem giá trị hiện tại rồi lưu lại.',
          en: 'Someone else changed this appraisal; review the current value and save again.',
        },
        { current: { ...appraisalState(existing), version: existing.version } },
      );
    }
    const before = existing ? appraisalState(existing) : null;
    const appraisal =
      existing ??
      tx.create(Appraisal, { score: tx.getReference(Score, item.id), round, points, appraiser: tx.getReference(User, actor.id) });
    appraisal.points = points;
    appraisal.comment = comment;
    appraisal.appraiser = tx.getReference(User, actor.id);
    appraisal.updatedAt = new Date();
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'Appraisal',
      subjectId: appraisal.id,
      sheetId: review.sheetId,
      action: 'appraise',
      before,
      after: { scoreId: item.id, ...appraisalState(appraisal) },
      reason: comment,
      round,
    });
  });
}

/** Marks (or clears) an appraiser's finding on one evidence document of a sub-criterion. Audited. */
export async function setEvidenceVerdict(em: EntityManager, actor: Actor, input: EvidenceVerdictInput): Promise<void> {
  await em.transactional(async (tx) => {
    const { item, review, round } = await appraisableItem(tx, actor, input.scoreId);
    await assertDocumentOfScore(tx, item.id, input.evidenceId);
    const existing = await tx.findOne(EvidenceVerdict, { score: item.id, evidence: input.evidenceId });
    const before = existing ? { scoreId: item.id, verdict: existing.verdict, note: existing.note ?? null } : null;
    let after: Record<string, unknown> | null = null;
    if (!input.verdict) {
      if (existing) tx.remove(existing);
    } else {
      const verdict =
        existing ??
        tx.create(EvidenceVerdict, {
          score: tx.getReference(Score, item.id),
          evidence: tx.getReference(Evidence, input.evidenceId),
          verdict: input.verdict,
          appraiser: tx.getReference(User, actor.id),
          round,
        });
      Object.assign(verdict, {
        verdict: input.verdict,
        note: cleanText(input.note, 'note'),
        appraiser: tx.getReference(User, actor.id),
        round,
        updatedAt: new Date(),
      });
      after = { verdict: verdict.verdict, note: verdict.note ?? null };
    }
    recordAudit(tx, actor, {
      subjectType: 'EvidenceVerdict',
      subjectId: input.evidenceId,
      sheetId: review.sheetId,
      action: 'evidence-verdict',
      before,
      after: after && { scoreId: item.id, ...after },
      round,
    });
  });
}

function assertRoundOne(round: number): void {
  if (round !== 1) {
    throw domainError(
      'ROUND_CLOSED',
      {
        vi: 'Chỉ yêu cầu giải trình trong vòng thẩm định lần 1.',
        en: 'Explanations are requested in appraisal round 1 only.',
      },
      { round },
    );
  }
}

/** Asks the unit to explain one sub-criterion (asking again rewords the request). Round 1 only; audited. */
export async function requestExplanation(em: EntityManager, actor: Actor, input: RequestExplanationInput): Promise<number> {
  return em.transactional(async (tx) => {
    const { item, review, round } = await appraisableItem(tx, actor, input.scoreId);
    assertRoundOne(round);
    const question = cleanText(input.question, 'question');
    if (!question) throw badInput('question', { vi: 'Cần nêu nội dung yêu cầu giải trình.', en: 'Say what needs explaining.' });
    const existing = await tx.findOne(ExplanationRequest, { score: item.id });
    const before = existing ? { question: existing.question } : null;
    const request =
      existing ??
      tx.create(ExplanationRequest, {
        score: tx.getReference(Score, item.id),
        review: review.reviewId,
        question,
        requestedBy: tx.getReference(User, actor.id),
      });
    request.question = question;
    request.requestedBy = tx.getReference(User, actor.id);
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'ExplanationRequest',
      subjectId: request.id,
      sheetId: review.sheetId,
      action: 'request-explanation',
      before,
      after: { scoreId: item.id, question },
      round,
    });
    return request.id;
  });
}

/** Withdraws a request for explanation while round 1 is open. Audited. */
export async function withdrawExplanationRequest(em: EntityManager, actor: Actor, scoreId: number): Promise<void> {
  await em.transactional(async (tx) => {
    const { item, review, round } = await appraisableItem(tx, actor, scoreId);
    assertRoundOne(round);
    const request = await tx.findOne(ExplanationRequest, { score: item.id });
    if (!request)
      throw missingRow(actor, 'read', 'SheetReview', { vi: 'yêu cầu giải trình của điểm', en: 'Explanation request for score' }, scoreId);
    recordAudit(tx, actor, {
      subjectType: 'ExplanationRequest',
      subjectId: request.id,
      sheetId: review.sheetId,
      action: 'withdraw-explanation-request',
      before: { scoreId: item.id, question: request.question },
      round,
    });
    tx.remove(request);
  });
}
