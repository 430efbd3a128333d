import { subject as asSubject } from '@casl/ability';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { allowedOnEveryRow, isUnitUser, missingRow, type Action, type Actor, type SubjectName } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { badInput, domainError, forbidden } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Consultation, ConsultationParticipation } from './consultation.entity.ts';
import {
  COMMENT,
  commentNotFound,
  commentWithdrawn,
  consultationNotFound,
  feedbackSubmitted,
  notInvited,
  outsideWindow,
} from './consultation.errors.ts';
import type { FeedbackCommentInput, UpdateFeedbackCommentInput } from './consultation.types.ts';
import { FeedbackAspect, FeedbackComment, FeedbackCommentRevision, FeedbackCommentStatus } from './feedback.entity.ts';

/**
 * Checks a unit's action in a round against the actor's rules (`row` defaults to the actor's unit in
 * the round). A unit user whose role allows the action but whose unit is not invited gets
 * NOT_INVITED; anyone else FORBIDDEN.
 */
async function authorizeUnitAction(
  em: EntityManager,
  actor: Actor,
  action: Action,
  subjectName: SubjectName,
  consultationId: number,
  row?: { unit: number; consultation: number },
): Promise<void> {
  // Permission before existence: only who may read every round is told a round does not exist; a unit
  // gets for a missing round what it gets for one it is not invited to.
  if (!(await em.count(Consultation, consultationId)) && allowedOnEveryRow(actor, 'read', 'Consultation')) {
    throw consultationNotFound(actor, consultationId);
  }
  const target = row ?? { unit: actor.unitId!, consultation: consultationId };
  if (!actor.ability.can(action, asSubject(subjectName, target))) {
    const ownUnit = target.unit === actor.unitId;
    throw ownUnit && isUnitUser(actor) && actor.ability.can(action, subjectName) ? notInvited() : forbidden();
  }
}

/**
 * Who a unit's answer is recorded as written by: the unit member acting; nobody when the
 * secretariat transcribes a unit's paper answer (the demo seed does, for units without accounts).
 */
const authorOf = (em: EntityManager, actor: Actor) => (isUnitUser(actor) ? em.getReference(User, actor.id) : null);

interface OpenAnswer {
  consultation: Consultation;
  participation: ConsultationParticipation;
}

/**
 * The unit's participation, row-locked so a lead's submission and a staff edit never interleave.
 * Refuses when the unit is not invited, the window is shut, or (unless `submitted` is allowed) the answer is submitted.
 */
async function openAnswer(em: EntityManager, consultationId: number, actor: Actor, now: Date, allowSubmitted = false): Promise<OpenAnswer> {
  const consultation = await em.findOne(Consultation, consultationId);
  if (!consultation) throw consultationNotFound(actor, consultationId);
  const participation = await em.findOne(
    ConsultationParticipation,
    { consultation, unit: actor.unitId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!participation) throw notInvited();
  if (now < consultation.opensAt || now >= consultation.closesAt) throw outsideWindow(consultation.opensAt, consultation.closesAt);
  if (participation.submittedAt && !allowSubmitted) throw feedbackSubmitted();
  return { consultation, participation };
}

/** A node of the round's draft, or null for a comment on the whole draft (GENERAL only). */
async function resolveCriterion(
  em: EntityManager,
  consultation: Consultation,
  criterionId: number | null | undefined,
  aspect: FeedbackAspect,
): Promise<Criterion | null> {
  if (criterionId == null) {
    if (aspect !== FeedbackAspect.GENERAL) {
      throw badInput('criterionId', {
        vi: 'Góp ý về cách chấm điểm, tài liệu kiểm chứng hoặc điểm tối đa cần chọn tiêu chí.',
        en: 'A comment on the scoring method, evidence requirement or maximum points needs a criterion.',
      });
    }
    return null;
  }
  const criterion = await em.findOne(Criterion, { id: criterionId, criteriaSet: consultation.criteriaSet });
  if (!criterion) {
    throw domainError(
      'CRITERION_NOT_IN_SET',
      {
        vi: `Tiêu chí mã ${criterionId} không thuộc dự thảo đang lấy ý kiến.`,
        en: `Criterion ${criterionId} is not part of the draft under consultation.`,
      },
      { field: 'criterionId' },
    );
  }
  return criterion;
}

function recordRevision(em: EntityManager, comment: FeedbackComment, actor: Actor, now: Date): void {
  em.create(FeedbackCommentRevision, {
    comment,
    version: comment.version,
    criterion: comment.criterion ?? null,
    aspect: comment.aspect,
    text: comment.text,
    proposedWording: comment.proposedWording ?? null,
    status: comment.status,
    savedBy: authorOf(em, actor),
    savedAt: now,
  });
}

/** A unit comments on the draft (while the window is open, before its lead submits). */
export async function addComment(em: EntityManager, actor: Actor, input: FeedbackCommentInput, now = new Date()): Promise<FeedbackComment> {
  await authorizeUnitAction(em, actor, 'create', 'FeedbackComment', input.consultationId);
  const text = cleanText(input.text, 'text', { required: true })!;
  const proposedWording = cleanText(input.proposedWording, 'proposedWording');
  return em.transactional(async (tx) => {
    const { consultation, participation } = await openAnswer(tx, input.consultationId, actor, now);
    const criterion = await resolveCriterion(tx, consultation, input.criterionId, input.aspect);
    const comment = tx.create(FeedbackComment, {
      consultation,
      unit: participation.unit,
      criterion,
      aspect: input.aspect,
      text,
      proposedWording,
      author: authorOf(tx, actor),
      createdAt: now,
      updatedAt: now,
    });
    // A comment replaces an earlier "agrees without comment".
    participation.agreesWithoutComment = false;
    recordRevision(tx, comment, actor, now);
    return comment;
  });
}

/** The comment's consultation and unit, for the permission check before any change. */
async function commentOwner(em: EntityManager, actor: Actor, action: Action, id: number): Promise<{ consultation: number; unit: number }> {
  const [row] = await em
    .getConnection()
    .execute<{ consultation_id: number; unit_id: number }[]>('select consultation_id, unit_id from feedback_comment where id = ?', [id]);
  if (!row) throw missingRow(actor, action, 'FeedbackComment', COMMENT, id);
  return { consultation: row.consultation_id, unit: row.unit_id };
}

async function changeComment(
  em: EntityManager,
  actor: Actor,
  action: Action,
  id: number,
  now: Date,
  change: (comment: FeedbackComment, tx: EntityManager, consultation: Consultation) => Promise<void>,
): Promise<FeedbackComment> {
  const owner = await commentOwner(em, actor, action, id);
  await authorizeUnitAction(em, actor, action, 'FeedbackComment', owner.consultation, owner);
  return em.transactional(async (tx) => {
    // Locked: two edits of one comment take turns, and the second sees the version the first made.
    const comment = await tx.findOne(FeedbackComment, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!comment) throw commentNotFound(actor, id);
    const { consultation } = await openAnswer(tx, comment.consultation.id, actor, now);
    if (comment.status === FeedbackCommentStatus.WITHDRAWN) throw commentWithdrawn([id]);
    await change(comment, tx, consultation);
    comment.version += 1;
    comment.updatedAt = now;
    recordRevision(tx, comment, actor, now);
    return comment;
  });
}

const EDITED_MEANWHILE = {
  vi: 'Ý kiến vừa được sửa ở nơi khác; hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
  en: 'The comment was edited elsewhere meanwhile; reload to see the latest version, then edit again.',
};

export function updateComment(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: UpdateFeedbackCommentInput,
  now = new Date(),
): Promise<FeedbackComment> {
  return changeComment(em, actor, 'update', id, now, async (comment, tx, consultation) => {
    assertVersion(comment, input.version, EDITED_MEANWHILE);
    const aspect = input.aspect ?? comment.aspect;
    const criterionId = input.criterionId !== undefined ? input.criterionId : (comment.criterion?.id ?? null);
    comment.criterion = await resolveCriterion(tx, consultation, criterionId, aspect);
    comment.aspect = aspect;
    if (input.text != null) comment.text = cleanText(input.text, 'text', { required: true })!;
    if (input.proposedWording !== undefined) comment.proposedWording = cleanText(input.proposedWording, 'proposedWording');
  });
}

export function withdrawComment(em: EntityManager, actor: Actor, id: number, now = new Date()): Promise<FeedbackComment> {
  return changeComment(em, actor, 'withdraw', id, now, async (comment) => {
    comment.status = FeedbackCommentStatus.WITHDRAWN;
    comment.withdrawnAt = now;
  });
}

const activeComments = (em: EntityManager, participation: ConsultationParticipation) =>
  em.count(FeedbackComment, { consultation: participation.consultation, unit: participation.unit, status: FeedbackCommentStatus.ACTIVE });

/**
 * A change to the unit's answer: `action` authorised, then `change` made in one transaction on the unit's
 * participation, locked, while the round is open. Only a reopening acts on an answer already submitted.
 */
async function changeAnswer(
  em: EntityManager,
  actor: Actor,
  action: 'answer' | 'submit' | 'reopen',
  consultationId: number,
  now: Date,
  change: (tx: EntityManager, participation: ConsultationParticipation) => Promise<void> | void,
): Promise<ConsultationParticipation> {
  await authorizeUnitAction(em, actor, action, 'ConsultationParticipation', consultationId);
  return em.transactional(async (tx) => {
    const { participation } = await openAnswer(tx, consultationId, actor, now, action === 'reopen');
    await change(tx, participation);
    // The unit's official answer is sent or taken back: an official act (its drafting is not).
    if (action !== 'answer') {
      recordAudit(tx, actor, {
        subjectType: 'ConsultationParticipation',
        subjectId: participation.id,
        action: `consultation-${action}`,
        after: {
          consultationId,
          unitId: participation.unit.id,
          agreesWithoutComment: participation.agreesWithoutComment,
          submittedAt: participation.submittedAt ?? null,
        },
      });
    }
    return participation;
  });
}

/** Records (or takes back) that the unit agrees with the draft as it is; only with no active comment. */
export function setAgreement(em: EntityManager, actor: Actor, consultationId: number, agrees: boolean, now = new Date()) {
  return changeAnswer(em, actor, 'answer', consultationId, now, async (tx, participation) => {
    if (agrees && (await activeComments(tx, participation)) > 0) {
      throw domainError('HAS_COMMENTS', {
        vi: 'Đơn vị đã có ý kiến góp ý; hãy rút các ý kiến trước khi ghi nhận "nhất trí, không có ý kiến".',
        en: 'The unit has comments; withdraw them before recording agreement without comment.',
      });
    }
    participation.agreesWithoutComment = agrees;
  });
}

/** The unit lead's confirmation: the unit's official answer. Without comments it means agreement. */
export function submitAnswer(em: EntityManager, actor: Actor, consultationId: number, now = new Date()) {
  return changeAnswer(em, actor, 'submit', consultationId, now, async (tx, participation) => {
    if ((await activeComments(tx, participation)) === 0) participation.agreesWithoutComment = true;
    participation.submittedAt = now;
    participation.submittedBy = authorOf(tx, actor);
  });
}

/** Takes a submission back while the window is open, so the staff can change the answer. */
export function reopenAnswer(em: EntityManager, actor: Actor, consultationId: number, now = new Date()) {
  return changeAnswer(em, actor, 'reopen', consultationId, now, (_tx, participation) => {
    if (!participation.submittedAt) {
      throw domainError('NOT_SUBMITTED', { vi: 'Ý kiến của đơn vị chưa được gửi.', en: 'The unit’s feedback has not been submitted.' });
    }
    participation.submittedAt = null;
    participation.submittedBy = null;
  });
}
