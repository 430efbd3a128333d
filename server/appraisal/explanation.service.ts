import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Evidence, fileEvidence, type DocumentToFile, type EvidenceStorage } from '../evidence/index.ts';
import { NotificationKind, notify } from '../notifications/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { AppError, badInput, domainError } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import { cleanText } from '../shared/text.ts';
import { findReview, reviewSubject, type ReviewRow } from './appraisal.read.ts';
import type { AnswerExplanationInput } from './appraisal.types.ts';
import { ExplanationStatus } from './cycle.entity.ts';
import { ExplanationEvidence, ExplanationRequest } from './explanation.entity.ts';

/** Supplementary evidence must be documents of the sheet under review (the unit's own). */
async function assertSheetEvidence(em: EntityManager, sheetId: number, evidenceIds: readonly number[]): Promise<void> {
  if (evidenceIds.length === 0) return;
  const rows = await em.execute<{ id: number }[]>('select id from evidence where sheet_id = ? and id = any(?::int[])', [
    sheetId,
    intArray(evidenceIds),
  ]);
  const missing = evidenceIds.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) {
    throw badInput(
      'evidenceIds',
      {
        vi: `Tài liệu ${missing.join(', ')} không phải tài liệu kiểm chứng của đơn vị.`,
        en: `Documents ${missing.join(', ')} are not evidence of the unit.`,
      },
      { evidenceIds: missing },
    );
  }
}

/** Records the SHA-256 of every supplementary document of these sheets, as stored now. */
export async function freezeSupplementaryEvidence(em: EntityManager, reviewIds: readonly number[]): Promise<void> {
  if (reviewIds.length === 0) return;
  await em.execute(
    `update explanation_evidence ee set frozen_sha256 = e.file_sha256
       from explanation_request er, evidence e
      where er.id = ee.request_id and e.id = ee.evidence_id and er.review_id = any(?::int[])`,
    [intArray(reviewIds)],
  );
}

/** The unit may still explain: the window is open, its deadline not passed, the explanation not locked. */
function assertExplanationOpen(review: ReviewRow, now: Date): void {
  const { status, explanationClosesAt } = review.cycle;
  if (status !== PeriodStatus.EXPLANATION || (explanationClosesAt && now >= explanationClosesAt)) {
    throw domainError(
      'EXPLANATION_CLOSED',
      {
        vi: 'Đã hết thời hạn giải trình (hoặc chưa mở giải trình).',
        en: 'The explanation window is closed.',
      },
      { status, closesAt: explanationClosesAt?.toISOString() ?? null },
    );
  }
  if (review.explanationStatus === ExplanationStatus.NOT_OPEN) {
    throw domainError('NO_EXPLANATION_REQUESTED', { vi: 'Đơn vị không có yêu cầu giải trình nào.', en: 'Nothing was asked of this unit.' });
  }
  if (review.explanationStatus === ExplanationStatus.LOCKED) {
    throw domainError('EXPLANATION_LOCKED', { vi: 'Đơn vị đã khóa nội dung giải trình.', en: 'The unit has locked its explanation.' });
  }
}

/**
 * A request the actor may answer now, its sheet locked when `lock`: NOT_FOUND, FORBIDDEN (not
 * their unit, or results not released), EXPLANATION_CLOSED or EXPLANATION_LOCKED otherwise.
 */
export async function explainableRequest(em: EntityManager, actor: Actor, requestId: number, lock: boolean, now = new Date()) {
  const [row] = await em.execute<{ review_id: number; score_id: number }[]>(
    'select review_id, score_id from explanation_request where id = ?',
    [requestId],
  );
  if (!row) throw missingRow(actor, 'explain', 'SheetReview', { vi: 'yêu cầu giải trình', en: 'Explanation request' }, requestId);
  const mayExplain = (review: ReviewRow) => authorize(actor, 'explain', 'SheetReview', reviewSubject(review));
  const review = (await findReview(em, { reviewId: row.review_id }, lock ? mayExplain : undefined))!;
  mayExplain(review);
  assertExplanationOpen(review, now);
  return { review, scoreId: row.score_id };
}

/**
 * The unit answers one request, optionally with supplementary evidence documents of its own
 * (the list replaces the previous one). Self-scores stay as submitted. Audited. Returns the score id.
 */
export async function answerExplanation(em: EntityManager, actor: Actor, input: AnswerExplanationInput, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const { review, scoreId } = await explainableRequest(tx, actor, input.requestId, true, now);
    const request = await tx.findOneOrFail(ExplanationRequest, input.requestId);
    if (request.version !== input.version) {
      throw new AppError(
        'CONFLICT',
        {
          vi: 'Nội dung giải trình vừa được người khác thay đổi; hãy xem bản hiện tại rồi lưu lại.',
          en: 'Someone else changed this answer; review it and save again.',
        },
        { current: { answer: request.answer ?? null, version: request.version } },
      );
    }
    const answer = cleanText(input.answer, 'answer');
    if (!answer) throw badInput('answer', { vi: 'Cần nhập nội dung giải trình.', en: 'Write the explanation.' });
    const evidenceIds = [...new Set(input.evidenceIds ?? [])];
    await assertSheetEvidence(tx, review.sheetId, evidenceIds);

    const attached = await tx.find(ExplanationEvidence, { request });
    const before = { answer: request.answer ?? null, evidenceIds: attached.map((link) => link.evidence.id) };
    for (const link of attached) if (!evidenceIds.includes(link.evidence.id)) tx.remove(link);
    for (const evidenceId of evidenceIds) {
      if (!attached.some((link) => link.evidence.id === evidenceId)) {
        tx.create(ExplanationEvidence, {
          request,
          evidence: tx.getReference(Evidence, evidenceId),
          addedBy: tx.getReference(User, actor.id),
        });
      }
    }
    Object.assign(request, { answer, answeredBy: tx.getReference(User, actor.id), answeredAt: now });
    recordAudit(tx, actor, {
      subjectType: 'ExplanationRequest',
      subjectId: request.id,
      sheetId: review.sheetId,
      action: 'answer-explanation',
      before,
      after: { scoreId: request.score.id, answer, evidenceIds },
    });
    return scoreId;
  });
}

/** Refuses a supplementary upload before its body is read (the same checks as attaching it). */
export async function assertMayAttach(em: EntityManager, actor: Actor, requestId: number): Promise<void> {
  await explainableRequest(em, actor, requestId, false);
}

/**
 * Files a supplementary document on the unit's (submitted) sheet and attaches it to the request:
 * the content goes to the store once per SHA-256; the same file on the sheet is reused. It is
 * frozen with the rest when the explanation is locked. Audited. Returns the document id.
 */
export async function attachSupplementary(
  em: EntityManager,
  actor: Actor,
  storage: EvidenceStorage,
  requestId: number,
  file: DocumentToFile,
): Promise<{ evidenceId: number; existed: boolean; updated: string[] }> {
  return em.transactional(async (tx) => {
    const { review, scoreId } = await explainableRequest(tx, actor, requestId, true);
    const { evidence, existed, updated } = await fileEvidence(tx, actor, storage, review.sheetId, file);
    const request = tx.getReference(ExplanationRequest, requestId);
    if (!(await tx.findOne(ExplanationEvidence, { request, evidence }))) {
      tx.create(ExplanationEvidence, { request, evidence, addedBy: tx.getReference(User, actor.id) });
    }
    recordAudit(tx, actor, {
      subjectType: 'ExplanationRequest',
      subjectId: requestId,
      sheetId: review.sheetId,
      action: 'supplementary-evidence',
      after: { scoreId, evidenceId: evidence.id, fileName: file.fileName, sha256: file.staged.sha256 },
    });
    return { evidenceId: evidence.id, existed, updated };
  });
}

/**
 * The unit lead locks the explanation: every request must have an answer; supplementary
 * evidence is frozen; the appraisers who asked are told. Audited.
 */
export async function lockExplanation(em: EntityManager, actor: Actor, periodId: number, unitId: number, now = new Date()): Promise<void> {
  await em.transactional(async (tx) => {
    const review = await findReview(tx, { periodId, unitId }, (review) =>
      authorize(actor, 'lockExplanation', 'SheetReview', reviewSubject(review)),
    );
    if (!review) {
      throw missingRow(
        actor,
        'lockExplanation',
        'SheetReview',
        { vi: 'bảng điểm đang thẩm định của đơn vị', en: 'Sheet under appraisal of unit' },
        unitId,
      );
    }
    assertExplanationOpen(review, now);
    const requests = await tx.execute<{ code: string; answered: boolean; requested_by_id: number }[]>(
      `select c.code, er.answer is not null as answered, er.requested_by_id
         from explanation_request er join score s on s.id = er.score_id join criterion c on c.id = s.criterion_id
        where er.review_id = ? order by c.code`,
      [review.reviewId],
    );
    const unanswered = requests.filter((request) => !request.answered).map((request) => request.code);
    if (unanswered.length > 0) {
      throw domainError(
        'UNANSWERED_REQUESTS',
        {
          vi: `Chưa giải trình các tiêu chí: ${unanswered.join(', ')}.`,
          en: `These sub-criteria have no answer yet: ${unanswered.join(', ')}.`,
        },
        { codes: unanswered },
      );
    }
    await freezeSupplementaryEvidence(tx, [review.reviewId]);
    await tx.execute(
      `update sheet_review set explanation_status = ?, explanation_locked_at = ?, explanation_locked_by_id = ? where id = ?`,
      [ExplanationStatus.LOCKED, now, actor.id, review.reviewId],
    );
    recordAudit(tx, actor, {
      subjectType: 'SheetReview',
      subjectId: review.reviewId,
      sheetId: review.sheetId,
      action: 'lock-explanation',
      before: { explanationStatus: review.explanationStatus },
      after: { explanationStatus: ExplanationStatus.LOCKED, answers: requests.length },
    });
    notify(
      tx,
      requests.map((request) => request.requested_by_id),
      {
        kind: NotificationKind.EXPLANATION_LOCKED,
        params: { periodId, unitName: review.unit.name, answers: requests.length },
        link: `/appraisal/periods/${periodId}/units/${unitId}`,
      },
    );
  });
}
