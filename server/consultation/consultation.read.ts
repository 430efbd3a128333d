import { subject as asSubject } from '@casl/ability';
import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import {
  authorize,
  groupBy,
  isUnitUser,
  listsByIdLoader,
  permissionSql,
  requestLoader,
  requireReadable,
  requireUser,
  rowsByIdLoader,
  withPermission,
  type AppContext,
} from '../access/index.ts';
import {
  criteriaSetLoader,
  criteriaTreeLoader,
  querySets,
  type CriteriaSet,
  type CriteriaSetView,
  type CriterionView,
} from '../criteria/index.ts';
import { intArray } from '../shared/sql.ts';
import { unitJson } from '../units/index.ts';
import { Consultation, ConsultationParticipation } from './consultation.entity.ts';
import { CONSULTATION } from './consultation.errors.ts';
import { feedbackResponseColumns } from './consultation.permissions.ts';
import {
  type CommentCountView,
  ConsultationStatus,
  type ConsultationView,
  type FeedbackCommentFilter,
  type FeedbackCommentRevisionView,
  type FeedbackCommentView,
  type FeedbackResponseView,
  ParticipationState,
  type ParticipationView,
  type ResponseTemplateView,
} from './consultation.types.ts';
import { FeedbackComment, FeedbackCommentStatus, FeedbackResponse, ResponseTemplate } from './feedback.entity.ts';

export function consultationStatus(
  row: { opensAt: Date; closesAt: Date; synthesisPublishedAt: Date | null },
  now = new Date(),
): ConsultationStatus {
  if (row.synthesisPublishedAt) return ConsultationStatus.PUBLISHED;
  if (now < row.opensAt) return ConsultationStatus.UPCOMING;
  return now < row.closesAt ? ConsultationStatus.OPEN : ConsultationStatus.CLOSED;
}

/** Rounds matching `where` (already narrowed by the caller's permissions), newest first. */
export async function queryConsultations(em: EntityManager, where: ObjectQuery<Consultation>): Promise<ConsultationView[]> {
  const rows = await em
    .createQueryBuilder(Consultation)
    .select(['id', 'criteriaSet', 'title', 'introduction', 'opensAt', 'closesAt', 'synthesisPublishedAt', 'createdAt', 'version'])
    .where(where)
    .orderBy({ opensAt: 'desc', id: 'desc' })
    .execute('all');
  const now = new Date();
  return rows.map(({ criteriaSet, ...row }) => {
    const view = { ...row, criteriaSetId: criteriaSet as unknown as number, synthesisPublishedAt: row.synthesisPublishedAt ?? null };
    return { ...view, status: consultationStatus(view, now) } as ConsultationView;
  });
}

/** Rounds by id, batched per request (callers authorise). */
export const consultationLoader = (ctx: AppContext) =>
  rowsByIdLoader(ctx, consultationLoader, (ids) => queryConsultations(ctx.em, { id: { $in: ids } }));

/** The invited units the caller may see, with their answer so far: one statement. */
export async function queryParticipations(ctx: AppContext, where: ObjectQuery<ConsultationParticipation>): Promise<ParticipationView[]> {
  const filter = withPermission<ConsultationParticipation>(ctx.ability, 'read', 'ConsultationParticipation', where);
  if (!filter) return [];
  const rows = await ctx.em
    .createQueryBuilder(ConsultationParticipation, 'p')
    .select([
      'p.id',
      ...fk('p', 'consultation_id', 'unit_id'),
      'p.agreesWithoutComment',
      'p.submittedAt',
      raw(`(select count(*)::int from feedback_comment fc where fc.consultation_id = p.consultation_id
              and fc.unit_id = p.unit_id and fc.status = '${FeedbackCommentStatus.ACTIVE}') as active_comments`),
      raw('(select display_name from app_user su where su.id = p.submitted_by_id) as submitted_by_name'),
      UNIT_JSON('p'),
    ])
    .where(filter)
    .orderBy({ id: 'asc' })
    .execute<
      {
        id: number;
        consultationId: number;
        unitId: number;
        unitRow: ParticipationView['unitRow'];
        agreesWithoutComment: boolean;
        submittedAt: Date | null;
        active_comments: number;
        submitted_by_name: string | null;
      }[]
    >('all');
  return rows.map((row) => ({
    id: row.id,
    consultationId: row.consultationId,
    unitId: row.unitId,
    unitRow: row.unitRow,
    agreesWithoutComment: row.agreesWithoutComment,
    submittedAt: row.submittedAt ?? null,
    submittedByName: row.submitted_by_name,
    activeComments: row.active_comments,
    state:
      row.active_comments > 0
        ? ParticipationState.COMMENTED
        : row.agreesWithoutComment
          ? ParticipationState.AGREED_WITHOUT_COMMENT
          : ParticipationState.NOT_ANSWERED,
  }));
}

/** Each round's participations the caller may see, batched per request (units see their own). */
export function participationsLoader(ctx: AppContext): DataLoader<number, ParticipationView[]> {
  return requestLoader<ParticipationView[]>(ctx, participationsLoader, async (ids) =>
    groupBy(ids, await queryParticipations(ctx, { consultation: { $in: ids as number[] } }), (row) => row.consultationId),
  );
}

/**
 * The comments of a round whose response the caller may read (optionally only those with `resolution`):
 * one statement. Filters and counts on the answer see only what the caller may read of it, so a unit
 * never learns of a draft answer by filtering on it.
 */
async function commentsWithReadableResponse(ctx: AppContext, consultationId: number, resolution?: string): Promise<number[]> {
  const readable = permissionSql(ctx.ability, 'read', 'FeedbackResponse', feedbackResponseColumns('fr', 'fc'));
  if (!readable) return [];
  const rows = await ctx.em.execute<{ comment_id: number }[]>(
    `select fr.comment_id from feedback_response fr join feedback_comment fc on fc.id = fr.comment_id
      where fc.consultation_id = ? and ${readable.sql}${resolution ? ' and fr.resolution = ?' : ''}`,
    [consultationId, ...readable.bindings, ...(resolution ? [resolution] : [])],
  );
  return rows.map((row) => row.comment_id);
}

/** The filter of the comment list as a MikroORM condition on FeedbackComment (conditions on the answer: see above). */
export async function commentWhere(
  ctx: AppContext,
  consultationId: number,
  filter: FeedbackCommentFilter | null = {},
): Promise<ObjectQuery<FeedbackComment>> {
  filter ??= {};
  const conditions: ObjectQuery<FeedbackComment>[] = [
    {
      consultation: consultationId,
      ...(filter.includeWithdrawn ? {} : { status: FeedbackCommentStatus.ACTIVE }),
      ...(filter.unitId ? { unit: filter.unitId } : {}),
      ...(filter.block ? { unit: { block: filter.block } } : {}),
      ...(filter.criterionId ? { criterion: filter.criterionId } : {}),
      ...(filter.aspect ? { aspect: filter.aspect } : {}),
    } as ObjectQuery<FeedbackComment>,
  ];
  if (filter.resolution) conditions.push({ id: { $in: await commentsWithReadableResponse(ctx, consultationId, filter.resolution) } });
  if (filter.unanswered) conditions.push({ id: { $nin: await commentsWithReadableResponse(ctx, consultationId) } });
  return { $and: conditions } as ObjectQuery<FeedbackComment>;
}

type CommentRow = Omit<FeedbackCommentView, 'authorName'> & { author_name: string | null };

/** The unit of each row, read with it: the rows' `unit` fields then cost no statement of their own. */
const UNIT_JSON = (alias: string) => raw(`(select ${unitJson('u')} from unit u where u.id = ${alias}.unit_id) as "unitRow"`);

/**
 * Foreign keys as plain columns: once a permission or filter condition joins the relation,
 * MikroORM would map `c.unit` to the joined entity instead of the id.
 */
const fk = (alias: string, ...columns: string[]) =>
  columns.map((column) => raw(`${alias}.${column} as "${column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase())}"`));

/** Comments the caller may read among `where`, one statement whatever their number. */
export async function queryComments(ctx: AppContext, where: ObjectQuery<FeedbackComment>): Promise<FeedbackCommentView[]> {
  const filter = withPermission<FeedbackComment>(ctx.ability, 'read', 'FeedbackComment', where);
  if (!filter) return [];
  const rows = await ctx.em
    .createQueryBuilder(FeedbackComment, 'c')
    .select([
      'c.id',
      ...fk('c', 'consultation_id', 'unit_id', 'criterion_id'),
      'c.aspect',
      'c.text',
      'c.proposedWording',
      'c.status',
      'c.version',
      'c.createdAt',
      'c.updatedAt',
      'c.withdrawnAt',
      raw('(select display_name from app_user au where au.id = c.author_id) as author_name'),
      UNIT_JSON('c'),
    ])
    .where(filter)
    .orderBy({ id: 'asc' })
    .execute<CommentRow[]>('all');
  return rows.map(({ author_name, ...row }) => ({
    ...row,
    authorName: author_name,
    proposedWording: row.proposedWording ?? null,
    withdrawnAt: row.withdrawnAt ?? null,
  }));
}

interface ResponseRow {
  id: number;
  commentId: number;
  resolution: FeedbackResponseView['resolution'];
  explanation: string | null;
  status: FeedbackResponseView['status'];
  revisedCriterionId: number | null;
  version: number;
  updatedAt: Date;
  publishedAt: Date | null;
  responded_by_name: string | null;
  revised_set_id: number | null;
  comment_criterion_id: number | null;
  comment_set_id: number;
}

/** Each comment's response if the caller may read it, batched per request. */
export function responseLoader(ctx: AppContext): DataLoader<number, FeedbackResponseView | null> {
  return requestLoader<FeedbackResponseView | null>(ctx, responseLoader, async (commentIds) => {
    const filter = withPermission<FeedbackResponse>(ctx.ability, 'read', 'FeedbackResponse', {
      comment: { $in: commentIds as number[] },
    });
    if (!filter) return commentIds.map(() => null);
    const rows = await ctx.em
      .createQueryBuilder(FeedbackResponse, 'r')
      .select([
        'r.id',
        ...fk('r', 'comment_id', 'revised_criterion_id'),
        'r.resolution',
        'r.explanation',
        'r.status',
        'r.version',
        'r.updatedAt',
        'r.publishedAt',
        raw('(select display_name from app_user ru where ru.id = r.responded_by_id) as responded_by_name'),
        raw('(select criteria_set_id from criterion rc where rc.id = r.revised_criterion_id) as revised_set_id'),
        raw('(select criterion_id from feedback_comment fc where fc.id = r.comment_id) as comment_criterion_id'),
        raw(`(select k.criteria_set_id from feedback_comment fc join consultation k on k.id = fc.consultation_id
             where fc.id = r.comment_id) as comment_set_id`),
      ])
      .where(filter)
      .execute<ResponseRow[]>('all');
    const byComment = new Map(
      rows.map((row): [number, FeedbackResponseView] => [
        row.commentId,
        {
          id: row.id,
          commentId: row.commentId,
          resolution: row.resolution,
          explanation: row.explanation ?? null,
          status: row.status,
          revisedCriterionId: row.revisedCriterionId,
          respondedByName: row.responded_by_name,
          version: row.version,
          updatedAt: row.updatedAt,
          publishedAt: row.publishedAt ?? null,
          revisedSetId: row.revised_set_id,
          commentCriterionId: row.comment_criterion_id,
          commentSetId: row.comment_set_id,
        },
      ]),
    );
    return commentIds.map((id) => byComment.get(id) ?? null);
  });
}

/** Every saved version of each comment, oldest first, batched per request (the comment is already authorised). */
export function revisionsLoader(ctx: AppContext): DataLoader<number, FeedbackCommentRevisionView[]> {
  return listsByIdLoader(
    ctx,
    revisionsLoader,
    `select r.comment_id, r.version, r.criterion_id as "criterionId", r.aspect, r.text, r.proposed_wording as "proposedWording",
            r.status, u.display_name as "savedByName", r.saved_at as "savedAt"
       from feedback_comment_revision r left join app_user u on u.id = r.saved_by_id
      where r.comment_id = any(?::int[]) order by r.comment_id, r.version`,
    (row: FeedbackCommentRevisionView & { comment_id: number }) => row.comment_id,
    // Raw rows carry timestamps as text (MikroORM's pg type parsers).
    (rows) => rows.map(({ comment_id: _, ...row }) => ({ ...row, savedAt: new Date(row.savedAt) })),
  );
}

/** Active comments per criterion and aspect among those the caller may read (GROUP BY in SQL), batched per request. */
export function commentCountsLoader(ctx: AppContext): DataLoader<number, CommentCountView[]> {
  return requestLoader<CommentCountView[]>(ctx, commentCountsLoader, async (ids) => {
    const filter = withPermission<FeedbackComment>(ctx.ability, 'read', 'FeedbackComment', {
      consultation: { $in: ids as number[] },
      status: FeedbackCommentStatus.ACTIVE,
    });
    if (!filter) return ids.map(() => []);
    // Unanswered = without a response the caller may read (a unit does not count the department's drafts as answers).
    const readable = permissionSql(ctx.ability, 'read', 'FeedbackResponse', feedbackResponseColumns('fr', 'c'));
    const rows = await ctx.em
      .createQueryBuilder(FeedbackComment, 'c')
      .select([
        ...fk('c', 'consultation_id', 'criterion_id'),
        'c.aspect',
        raw('count(*)::int as total'),
        raw(
          `count(*) filter (where not exists (select 1 from feedback_response fr where fr.comment_id = c.id and ${readable?.sql ?? 'false'}))::int as unanswered`,
          readable?.bindings ?? [],
        ),
      ])
      .where(filter)
      .groupBy(['c.consultation', 'c.criterion', 'c.aspect'])
      .execute<(CommentCountView & { consultationId: number })[]>('all');
    return groupBy(ids, rows, (row) => row.consultationId).map((group) =>
      group.map(({ criterionId, aspect, total, unanswered }) => ({ criterionId, aspect, total, unanswered })),
    );
  });
}

/** Later versions made from each round's draft (any depth), batched per request; the caller's read rule applies. */
export function laterVersionsLoader(ctx: AppContext): DataLoader<number, CriteriaSetView[]> {
  return requestLoader<CriteriaSetView[]>(ctx, laterVersionsLoader, async (setIds) => {
    const rows = await ctx.em.getConnection().execute<{ root: number; id: number }[]>(
      `with recursive later (root, id) as (
       select previous_version_id, id from criteria_set where previous_version_id = any(?::int[])
       union select later.root, s.id from criteria_set s join later on s.previous_version_id = later.id
     ) select root, id from later`,
      [intArray(setIds)],
    );
    const where = rows.length
      ? withPermission<CriteriaSet>(ctx.ability, 'read', 'CriteriaSet', { id: { $in: rows.map((row) => row.id) } })
      : null;
    const sets = new Map((where ? await querySets(ctx.em, where) : []).map((set) => [set.id, set]));
    return groupBy(setIds, rows, (row) => row.root).map((group) =>
      group
        .map((row) => sets.get(row.id))
        .filter((set): set is CriteriaSetView => set !== undefined)
        .sort((a, b) => b.version - a.version),
    );
  });
}

/** A round the caller may read: NOT_FOUND if it does not exist, FORBIDDEN if it is not theirs to see. */
export async function readableConsultation(ctx: AppContext, id: number): Promise<ConsultationView> {
  return requireReadable(requireUser(ctx), 'Consultation', CONSULTATION, id, await consultationLoader(ctx).load(id));
}

/** The rounds the caller may read (units: those they are invited to), newest first. */
export async function readableConsultations(ctx: AppContext): Promise<ConsultationView[]> {
  const where = withPermission<Consultation>(requireUser(ctx).ability, 'read', 'Consultation');
  return where ? queryConsultations(ctx.em, where) : [];
}

/** The draft under consultation (the caller may read it once they may read the round). */
export async function readableDraft(ctx: AppContext, consultation: ConsultationView): Promise<CriteriaSetView> {
  const set = (await criteriaSetLoader(ctx).load(consultation.criteriaSetId))!;
  authorize(requireUser(ctx), 'read', 'CriteriaSet', set);
  return set;
}

/** The caller's unit's answer in a round, if it is invited. */
export async function ownParticipation(ctx: AppContext, consultation: ConsultationView): Promise<ParticipationView | null> {
  const actor = requireUser(ctx);
  if (!isUnitUser(actor)) return null;
  return (await participationsLoader(ctx).load(consultation.id)).find((row) => row.unitId === actor.unitId) ?? null;
}

/** Whether the caller may read the synthesis (report) of a round. */
export const canReadSynthesis = (ctx: AppContext, consultationId: number) =>
  ctx.user !== null && ctx.ability.can('read', asSubject('ConsultationSynthesis', { id: consultationId }));

/** The answer templates, for the secretariat. */
export async function readableTemplates(ctx: AppContext): Promise<ResponseTemplateView[]> {
  authorize(requireUser(ctx), 'read', 'ResponseTemplate');
  return (await ctx.em.find(ResponseTemplate, {}, { orderBy: { title: 'asc' } })).map(templateView);
}

export const templateView = ({ id, title, resolution, explanation, version }: ResponseTemplate): ResponseTemplateView => ({
  id,
  title,
  resolution,
  explanation: explanation ?? null,
  version,
});

/** The criterion of the later version an answer changed, if the caller may read that version. */
export async function readableRevisedCriterion(ctx: AppContext, response: FeedbackResponseView): Promise<CriterionView | null> {
  if (response.revisedCriterionId === null || response.revisedSetId === null) return null;
  const set = await criteriaSetLoader(ctx).load(response.revisedSetId);
  if (!set || !ctx.ability.can('read', asSubject('CriteriaSet', { ...set }))) return null;
  return (await criteriaTreeLoader(ctx).load(set.id)).byId.get(response.revisedCriterionId) ?? null;
}
