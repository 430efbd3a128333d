import { columnsOn, hasRole, isUnitUser, Role } from '../access/index.ts';
import type { PermissionFactsLoader, PermissionRules, SubjectColumns } from '../access/index.ts';
import { FeedbackCommentStatus, FeedbackResponseStatus } from './feedback.entity.ts';

/** Consultation rounds a user's rules depend on; ids, loaded with the ability (see AbilityCache). */
export interface ConsultationFacts {
  /** Rounds the user's unit is invited to, and their criteria sets. */
  invited: number[];
  invitedSets: number[];
  /** Of those, the rounds whose synthesis is published. */
  published: number[];
  /** Closed rounds (appraisers and analysts read them), and their criteria sets. */
  closed: number[];
  closedSets: number[];
}

declare module '../access/ability.ts' {
  interface PermissionFacts {
    consultation: ConsultationFacts;
  }
}

const isReader = (user: Parameters<PermissionRules>[0]) => hasRole(user, Role.APPRAISER, Role.ANALYST);

/** One statement, only for users whose rules need it (unit users, appraisers, analysts). */
export const consultationFacts: PermissionFactsLoader = async (em, user) => {
  const unitId = isUnitUser(user) ? user.unitId : null;
  const reader = isReader(user);
  if (unitId === null && !reader) return {};
  const rows = await em
    .getConnection()
    .execute<{ id: number; criteria_set_id: number; closed: boolean; published: boolean; invited: boolean }[]>(
      `select c.id, c.criteria_set_id, c.closes_at <= now() as closed, c.synthesis_published_at is not null as published,
            exists (select 1 from consultation_participation p where p.consultation_id = c.id and p.unit_id = ?) as invited
       from consultation c`,
      [unitId ?? 0],
    );
  const invited = rows.filter((row) => row.invited);
  const closed = reader ? rows.filter((row) => row.closed) : [];
  return {
    consultation: {
      invited: invited.map((row) => row.id),
      invitedSets: invited.map((row) => row.criteria_set_id),
      published: invited.filter((row) => row.published).map((row) => row.id),
      closed: closed.map((row) => row.id),
      closedSets: closed.map((row) => row.criteria_set_id),
    },
  };
};

/**
 * Subjects: Consultation, ConsultationParticipation, FeedbackComment, FeedbackResponse,
 * ConsultationSynthesis (the report of a round; row = { id }) and ResponseTemplate.
 * Conditions use entity property names; dotted paths reach through `comment`.
 */
export const consultationPermissions: PermissionRules = (user, { can }, facts) => {
  const known = facts.consultation;
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['read', 'create', 'update', 'close', 'publish'], 'Consultation');
    can('read', ['ConsultationParticipation', 'FeedbackComment', 'ConsultationSynthesis']);
    can(['read', 'respond', 'publish'], 'FeedbackResponse');
    can(['read', 'create', 'update', 'delete'], 'ResponseTemplate');
  }
  if (known && isReader(user)) {
    // Appraisers and analysts read everything about a round once it has closed.
    can('read', 'Consultation', { id: { $in: known.closed } });
    can('read', 'CriteriaSet', { id: { $in: known.closedSets } });
    can('read', ['ConsultationParticipation', 'FeedbackComment'], { consultation: { $in: known.closed } });
    can('read', 'FeedbackResponse', { 'comment.consultation': { $in: known.closed } });
    can('read', 'ConsultationSynthesis', { id: { $in: known.closed } });
  }
  if (known && isUnitUser(user)) {
    const unit = user.unitId;
    can('read', 'Consultation', { id: { $in: known.invited } });
    // The draft under consultation is open to the units invited to comment on it.
    can('read', 'CriteriaSet', { id: { $in: known.invitedSets } });
    can('read', 'ConsultationParticipation', { unit });
    can('answer', 'ConsultationParticipation', { unit, consultation: { $in: known.invited } });
    if (hasRole(user, Role.UNIT_LEAD))
      can(['submit', 'reopen'], 'ConsultationParticipation', { unit, consultation: { $in: known.invited } });
    can(['create', 'update', 'withdraw'], 'FeedbackComment', { unit, consultation: { $in: known.invited } });
    can('read', 'FeedbackComment', { unit });
    can('read', 'FeedbackComment', { consultation: { $in: known.published }, status: FeedbackCommentStatus.ACTIVE });
    can('read', 'FeedbackResponse', { status: FeedbackResponseStatus.PUBLISHED, 'comment.unit': unit });
    can('read', 'FeedbackResponse', { status: FeedbackResponseStatus.PUBLISHED, 'comment.consultation': { $in: known.published } });
    can('read', 'ConsultationSynthesis', { id: { $in: known.published } });
  }
};

/** FeedbackComment's rule conditions in SQL, on the `feedback_comment` row aliased `alias`. */
export const feedbackCommentColumns = (alias: string): SubjectColumns =>
  columnsOn(alias, { id: 'id', consultation: 'consultation_id', unit: 'unit_id', status: 'status', criterion: 'criterion_id' });

/** FeedbackResponse's rule conditions in SQL, on `feedback_response` aliased `alias` and its comment aliased `comment`. */
export const feedbackResponseColumns = (alias: string, comment: string): SubjectColumns => ({
  ...columnsOn(alias, { id: 'id', status: 'status', comment: 'comment_id' }),
  ...columnsOn(comment, { 'comment.consultation': 'consultation_id', 'comment.unit': 'unit_id' }),
});
