import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { commentNotFound, commentWithdrawn, consultationNotFound, synthesisPublished } from './consultation.errors.ts';
import type { RespondInput, ResponseTemplateInput, UpdateResponseTemplateInput } from './consultation.types.ts';
import {
  EXPLANATION_REQUIRED,
  FeedbackComment,
  FeedbackCommentStatus,
  FeedbackResolution,
  FeedbackResponse,
  FeedbackResponseStatus,
  ResponseTemplate,
} from './feedback.entity.ts';

const TEMPLATE = { vi: 'mẫu trả lời', en: 'Response template' };

const answeredMeanwhile = {
  vi: 'Câu trả lời cho ý kiến này vừa được người khác thay đổi; hãy tải lại để xem bản mới nhất rồi trả lời tiếp.',
  en: 'Someone else changed the answer to this comment meanwhile; reload to see the latest version, then answer again.',
};

function assertExplained(resolution: FeedbackResolution, explanation: string | null): void {
  if (EXPLANATION_REQUIRED.includes(resolution) && !explanation) {
    throw domainError(
      'EXPLANATION_REQUIRED',
      {
        vi: 'Tiếp thu một phần hoặc không tiếp thu cần có nội dung giải trình.',
        en: 'A partially accepted or not accepted comment needs an explanation.',
      },
      { field: 'explanation', resolution },
    );
  }
}

/** The criterion must belong to a later version of the round's draft (the previous-version chain leads back to it). */
async function revisedCriterion(em: EntityManager, consultationSetId: number, criterionId: number): Promise<Criterion> {
  const [row] = await em.execute<{ later: boolean }[]>(
    `with recursive chain (id, previous_version_id) as (
       select s.id, s.previous_version_id from criteria_set s join criterion c on c.criteria_set_id = s.id where c.id = ?
       union
       select s.id, s.previous_version_id from criteria_set s join chain on s.id = chain.previous_version_id
     )
     select exists (select 1 from chain where previous_version_id = ?) as later`,
    [criterionId, consultationSetId],
  );
  if (!row?.later) {
    throw domainError(
      'NOT_A_LATER_VERSION',
      {
        vi: `Tiêu chí mã ${criterionId} không thuộc phiên bản sau của dự thảo này.`,
        en: `Criterion ${criterionId} is not in a later version of this draft.`,
      },
      { field: 'revisedCriterionId' },
    );
  }
  return em.getReference(Criterion, criterionId);
}

/** The answer version each comment was answered on (`versions` in the order of `commentIds`). */
function editedVersions(input: RespondInput): Map<number, number> {
  if (input.versions.length !== input.commentIds.length) {
    throw badInput('versions', {
      vi: 'Cần gửi phiên bản trả lời của từng ý kiến, theo thứ tự các ý kiến.',
      en: 'Send the answer version of each comment, in the order of the comments.',
    });
  }
  return new Map(input.commentIds.map((id, i) => [id, input.versions[i]!]));
}

/**
 * Answers one or more comments of one round with the same resolution and explanation (bulk answer),
 * as drafts: publishing is a separate step. Re-answering a published comment makes it a draft again.
 * Each comment's answer must still be at the version the secretariat edited (0: none yet), else CONFLICT.
 */
export async function respond(em: EntityManager, actor: Actor, input: RespondInput, now = new Date()): Promise<FeedbackResponse[]> {
  authorize(actor, 'respond', 'FeedbackResponse');
  const versions = editedVersions(input);
  const template = input.templateId != null ? await em.findOne(ResponseTemplate, input.templateId) : null;
  if (input.templateId != null && !template) throw missingRow(actor, 'read', 'ResponseTemplate', TEMPLATE, input.templateId);
  const resolution = input.resolution ?? template?.resolution;
  if (!resolution) throw badInput('resolution', { vi: 'Cần chọn hình thức tiếp thu.', en: 'Choose a resolution.' });
  const explanation = cleanText(input.explanation !== undefined ? input.explanation : template?.explanation, 'explanation');
  assertExplained(resolution, explanation);
  const ids = [...new Set(input.commentIds)];

  return em.transactional(async (tx) => {
    // Locked (in id order, so two bulk answers never deadlock): two answers to one comment take turns, and the second
    // sees the version the first made. The answers are read after the lock, as they stand now.
    const comments = await tx.find(
      FeedbackComment,
      { id: { $in: ids } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
    );
    await tx.populate(comments, ['response', 'consultation'], { refresh: true });
    const missing = ids.find((id) => !comments.some((comment) => comment.id === id));
    if (missing !== undefined) throw commentNotFound(actor, missing);
    const consultations = new Set(comments.map((comment) => comment.consultation.id));
    if (consultations.size > 1) {
      throw badInput('commentIds', {
        vi: 'Chỉ trả lời chung các ý kiến của cùng một đợt.',
        en: 'Answer comments of one consultation at a time.',
      });
    }
    const withdrawn = comments.filter((comment) => comment.status === FeedbackCommentStatus.WITHDRAWN).map((comment) => comment.id);
    if (withdrawn.length) throw commentWithdrawn(withdrawn);
    const consultation = comments[0]!.consultation;
    if (consultation.synthesisPublishedAt) throw synthesisPublished();
    const revised =
      input.revisedCriterionId != null
        ? await revisedCriterion(tx, consultation.criteriaSet.id, input.revisedCriterionId)
        : input.revisedCriterionId;

    for (const comment of comments) assertVersion(comment.response, versions.get(comment.id)!, answeredMeanwhile);
    return comments.map((comment) => {
      const before = comment.response ? answer(comment.response) : null;
      const response = comment.response ?? tx.create(FeedbackResponse, { comment, resolution, createdAt: now });
      response.resolution = resolution;
      response.explanation = explanation;
      if (revised !== undefined) response.revisedCriterion = revised;
      response.status = FeedbackResponseStatus.DRAFT;
      response.publishedAt = null;
      response.respondedBy = tx.getReference(User, actor.id);
      response.updatedAt = now;
      recordAudit(tx, actor, {
        subjectType: 'FeedbackComment',
        subjectId: comment.id,
        action: 'consultation-answer',
        before,
        after: answer(response),
      });
      return response;
    });
  });
}

/** What the audit trail keeps of an answer to a comment. */
function answer(response: FeedbackResponse): Record<string, unknown> {
  return {
    resolution: response.resolution,
    explanation: response.explanation ?? null,
    revisedCriterionId: response.revisedCriterion?.id ?? null,
    status: response.status,
  };
}

/** Publishes the draft answers of a round (all, or those of `commentIds`); returns how many. */
export async function publishResponses(
  em: EntityManager,
  actor: Actor,
  consultationId: number,
  commentIds: number[] | null | undefined,
  now = new Date(),
): Promise<number> {
  authorize(actor, 'publish', 'FeedbackResponse');
  return em.transactional(async (tx) => {
    const [consultation] = await tx.execute<{ synthesis_published_at: Date | null }[]>(
      'select synthesis_published_at from consultation where id = ? for update',
      [consultationId],
    );
    if (!consultation) throw consultationNotFound(actor, consultationId);
    const rows = await tx.execute<{ id: number }[]>(
      `update feedback_response r set status = ?, published_at = ?, version = r.version + 1
         from feedback_comment c
        where c.id = r.comment_id and c.consultation_id = ? and c.status = ? and r.status = ?
          ${commentIds ? 'and c.id = any(?::int[])' : ''}
        returning r.id`,
      [
        FeedbackResponseStatus.PUBLISHED,
        now,
        consultationId,
        FeedbackCommentStatus.ACTIVE,
        FeedbackResponseStatus.DRAFT,
        ...(commentIds ? [intArray(commentIds)] : []),
      ],
    );
    if (rows.length) {
      recordAudit(tx, actor, {
        subjectType: 'Consultation',
        subjectId: consultationId,
        action: 'consultation-answers-publish',
        after: { publishedResponseIds: rows.map((row) => row.id), publishedAt: now },
      });
    }
    return rows.length;
  });
}

function templateFields(input: ResponseTemplateInput) {
  const explanation = cleanText(input.explanation, 'explanation');
  assertExplained(input.resolution, explanation);
  return { title: cleanText(input.title, 'title', { required: true, max: 200 })!, resolution: input.resolution, explanation };
}

export async function createTemplate(em: EntityManager, actor: Actor, input: ResponseTemplateInput): Promise<ResponseTemplate> {
  authorize(actor, 'create', 'ResponseTemplate');
  const template = em.create(ResponseTemplate, templateFields(input));
  await em.flush();
  return template;
}

export async function updateTemplate(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: UpdateResponseTemplateInput,
): Promise<ResponseTemplate> {
  authorize(actor, 'update', 'ResponseTemplate');
  const fields = templateFields(input);
  return em.transactional(async (tx) => {
    const template = await tx.findOne(ResponseTemplate, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!template) throw missingRow(actor, 'read', 'ResponseTemplate', TEMPLATE, id);
    assertVersion(template, input.version);
    tx.assign(template, fields);
    return template;
  });
}

export async function deleteTemplate(em: EntityManager, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'delete', 'ResponseTemplate');
  const deleted = await em.nativeDelete(ResponseTemplate, { id });
  if (!deleted) throw missingRow(actor, 'read', 'ResponseTemplate', TEMPLATE, id);
}
