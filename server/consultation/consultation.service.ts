import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { CriteriaSetStatus, lockCriteriaSet } from '../criteria/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Unit } from '../units/index.ts';
import { Consultation, ConsultationParticipation } from './consultation.entity.ts';
import { consultationNotFound, synthesisPublished } from './consultation.errors.ts';
import type { OpenConsultationInput, UpdateConsultationInput } from './consultation.types.ts';
import { FeedbackComment, FeedbackCommentStatus, FeedbackResponseStatus } from './feedback.entity.ts';

const INTRODUCTION_MAX = 20_000;

function assertDate(value: Date, field: string): void {
  if (Number.isNaN(value.getTime())) throw badInput(field, { vi: 'Thời điểm không hợp lệ.', en: 'Invalid date-time.' });
}

function assertWindow(opensAt: Date, closesAt: Date, now: Date): void {
  assertDate(opensAt, 'opensAt');
  assertDate(closesAt, 'closesAt');
  if (closesAt <= opensAt) {
    throw badInput('closesAt', { vi: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.', en: 'The close must come after the opening.' });
  }
  if (closesAt <= now) {
    throw badInput('closesAt', { vi: 'Thời điểm kết thúc phải ở tương lai.', en: 'The close must be in the future.' });
  }
}

/** Active units of the blocks plus the listed units; at least one. */
async function invitedUnits(em: EntityManager, input: OpenConsultationInput): Promise<Unit[]> {
  const ids = [...new Set(input.invitedUnitIds ?? [])];
  const blocks = [...new Set(input.invitedBlocks ?? [])];
  const units = await em.find(Unit, { $or: [{ id: { $in: ids } }, { block: { $in: blocks }, active: true }] }, { orderBy: { id: 'asc' } });
  const missing = ids.filter((id) => !units.some((unit) => unit.id === id));
  if (missing.length) {
    throw badInput('invitedUnitIds', { vi: `Không có đơn vị mã ${missing.join(', ')}.`, en: `Units ${missing.join(', ')} do not exist.` });
  }
  if (units.length === 0) {
    throw badInput('invitedUnitIds', { vi: 'Cần mời ít nhất một đơn vị.', en: 'Invite at least one unit.' });
  }
  return units;
}

/** Opens a round on a DRAFT set, which becomes CONSULTATION (frozen: changes go into the next version). */
export async function openConsultation(
  em: EntityManager,
  actor: Actor,
  input: OpenConsultationInput,
  now = new Date(),
): Promise<Consultation> {
  authorize(actor, 'create', 'Consultation');
  assertWindow(input.opensAt, input.closesAt, now);
  const title = cleanText(input.title, 'title', { required: true, max: 500 })!;
  const introduction = cleanText(input.introduction, 'introduction', { max: INTRODUCTION_MAX }) ?? '';
  const units = await invitedUnits(em, input);
  return em.transactional(async (tx) => {
    const set = await lockCriteriaSet(tx, actor, input.criteriaSetId);
    if (set.status !== CriteriaSetStatus.DRAFT) {
      throw domainError(
        'SET_NOT_DRAFT',
        {
          vi: 'Chỉ lấy ý kiến được trên bộ tiêu chí đang ở trạng thái dự thảo.',
          en: 'Only a draft criteria set can be put out for consultation.',
        },
        { field: 'criteriaSetId', status: set.status },
      );
    }
    set.status = CriteriaSetStatus.CONSULTATION;
    const consultation = tx.create(Consultation, {
      criteriaSet: set,
      title,
      introduction,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      createdBy: tx.getReference(User, actor.id),
    });
    for (const unit of units) tx.create(ConsultationParticipation, { consultation, unit: tx.getReference(Unit, unit.id) });
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'Consultation',
      subjectId: consultation.id,
      action: 'consultation-open',
      after: { ...audited(consultation), criteriaSetId: set.id, invitedUnitIds: units.map((unit) => unit.id) },
    });
    return consultation;
  });
}

/** What the audit trail keeps of a consultation round. */
function audited(consultation: Consultation): Record<string, unknown> {
  return {
    title: consultation.title,
    introduction: consultation.introduction,
    opensAt: consultation.opensAt,
    closesAt: consultation.closesAt,
    synthesisPublishedAt: consultation.synthesisPublishedAt ?? null,
  };
}

async function lockConsultation(em: EntityManager, actor: Actor, id: number): Promise<Consultation> {
  const consultation = await em.findOne(Consultation, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!consultation) throw consultationNotFound(actor, id);
  if (consultation.synthesisPublishedAt) throw synthesisPublished();
  return consultation;
}

/** Locks a round not yet published, lets `change` apply to it (or refuse), and audits it before and after as `action`. */
async function changeConsultation(
  em: EntityManager,
  actor: Actor,
  id: number,
  action: string,
  change: (consultation: Consultation) => void,
): Promise<Consultation> {
  return em.transactional(async (tx) => {
    const consultation = await lockConsultation(tx, actor, id);
    const before = audited(consultation);
    change(consultation);
    recordAudit(tx, actor, { subjectType: 'Consultation', subjectId: id, action, before, after: audited(consultation) });
    return consultation;
  });
}

export async function updateConsultation(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: UpdateConsultationInput,
  now = new Date(),
): Promise<Consultation> {
  authorize(actor, 'update', 'Consultation');
  return changeConsultation(em, actor, id, 'consultation-update', (consultation) => {
    assertVersion(consultation, input.version);
    if (input.title != null) consultation.title = cleanText(input.title, 'title', { required: true, max: 500 })!;
    if (input.introduction != null)
      consultation.introduction = cleanText(input.introduction, 'introduction', { max: INTRODUCTION_MAX }) ?? '';
    if (input.closesAt != null) {
      assertWindow(consultation.opensAt, input.closesAt, now);
      consultation.closesAt = input.closesAt;
    }
  });
}

/** Ends the window now (before its planned close). */
export async function closeConsultation(em: EntityManager, actor: Actor, id: number, now = new Date()): Promise<Consultation> {
  authorize(actor, 'close', 'Consultation');
  return changeConsultation(em, actor, id, 'consultation-close', (consultation) => {
    if (consultation.closesAt <= now) {
      throw domainError('CONSULTATION_CLOSED', { vi: 'Đợt lấy ý kiến đã kết thúc.', en: 'The consultation is already closed.' });
    }
    if (consultation.opensAt > now) consultation.opensAt = now;
    consultation.closesAt = now;
  });
}

/**
 * After the close, once every comment has an answer: publishes the remaining draft answers and
 * the synthesis, which every invited unit may then read.
 */
export async function publishSynthesis(em: EntityManager, actor: Actor, id: number, now = new Date()): Promise<Consultation> {
  authorize(actor, 'publish', 'Consultation');
  return em.transactional(async (tx) => {
    const consultation = await lockConsultation(tx, actor, id);
    if (consultation.closesAt > now) {
      throw domainError('CONSULTATION_OPEN', {
        vi: 'Chỉ công bố bảng tổng hợp sau khi kết thúc lấy ý kiến.',
        en: 'The synthesis can be published only after the consultation closes.',
      });
    }
    const unanswered = await tx.count(FeedbackComment, { consultation, status: FeedbackCommentStatus.ACTIVE, response: null });
    if (unanswered > 0) {
      throw domainError(
        'SYNTHESIS_INCOMPLETE',
        {
          vi: `Còn ${unanswered} ý kiến chưa được trả lời.`,
          en: `${unanswered} comments have no answer yet.`,
        },
        { unanswered },
      );
    }
    // tx.execute (not getConnection().execute) runs inside this transaction.
    const published = await tx.execute<{ id: number }[]>(
      `update feedback_response r set status = ?, published_at = ?, version = r.version + 1
         from feedback_comment c where c.id = r.comment_id and c.consultation_id = ? and r.status = ?
       returning r.id`,
      [FeedbackResponseStatus.PUBLISHED, now, id, FeedbackResponseStatus.DRAFT],
    );
    consultation.synthesisPublishedAt = now;
    recordAudit(tx, actor, {
      subjectType: 'Consultation',
      subjectId: id,
      action: 'synthesis-publish',
      after: { synthesisPublishedAt: now, publishedResponseIds: published.map((row) => row.id) },
    });
    return consultation;
  });
}
