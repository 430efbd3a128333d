import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { missingRow, requestLoader, requireUser, type AppContext } from '../access/index.ts';
import { criteriaSetLoader } from '../criteria/index.ts';
import { forbidden } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import { CONSULTATION } from './consultation.errors.ts';
import { canReadSynthesis, consultationLoader } from './consultation.read.ts';
import type { AspectCountView, ResolutionCountView, SynthesisRowView, SynthesisSummaryView } from './consultation.types.ts';
import { FeedbackAspect, FeedbackCommentStatus, FeedbackResolution } from './feedback.entity.ts';
import type { SynthesisDocument } from './synthesis.export.ts';

type UnitCounts = Omit<SynthesisSummaryView, 'comments' | 'byAspect' | 'byResolution' | 'unitsAnswered'>;

/** The introduction's figures of each round: two statements however many rounds (units, then comments by aspect and by resolution). */
export async function synthesisSummaries(em: EntityManager, ids: readonly number[]): Promise<SynthesisSummaryView[]> {
  const connection = em.getConnection();
  const units = await connection.execute<(UnitCounts & { consultation_id: number })[]>(
    `select consultation_id,
            count(*)::int as "unitsInvited",
            count(*) filter (where active > 0)::int as "unitsCommented",
            count(*) filter (where active = 0 and agrees_without_comment)::int as "unitsAgreedWithoutComment",
            count(*) filter (where active = 0 and not agrees_without_comment)::int as "unitsNotAnswered",
            count(*) filter (where submitted_at is not null)::int as "unitsConfirmed"
       from (select p.consultation_id, p.agrees_without_comment, p.submitted_at,
                    (select count(*) from feedback_comment c
                      where c.consultation_id = p.consultation_id and c.unit_id = p.unit_id and c.status = ?) as active
               from consultation_participation p where p.consultation_id = any(?::int[])) answers
      group by consultation_id`,
    [FeedbackCommentStatus.ACTIVE, intArray(ids)],
  );
  const groups = await connection.execute<
    { consultation_id: number; aspect: FeedbackAspect | null; resolution: FeedbackResolution | null; by_aspect: boolean; count: number }[]
  >(
    `select c.consultation_id, c.aspect, r.resolution, grouping(c.aspect) = 0 as by_aspect, count(*)::int as count
       from feedback_comment c left join feedback_response r on r.comment_id = c.id
      where c.consultation_id = any(?::int[]) and c.status = ?
      group by grouping sets ((c.consultation_id, c.aspect), (c.consultation_id, r.resolution))`,
    [intArray(ids), FeedbackCommentStatus.ACTIVE],
  );
  return ids.map((id) => {
    const counts = units.find((row) => row.consultation_id === id) ?? {
      unitsInvited: 0,
      unitsCommented: 0,
      unitsAgreedWithoutComment: 0,
      unitsNotAnswered: 0,
      unitsConfirmed: 0,
    };
    const own = groups.filter((row) => row.consultation_id === id);
    const count = (predicate: (row: (typeof own)[number]) => boolean) => own.find(predicate)?.count ?? 0;
    const byAspect: AspectCountView[] = Object.values(FeedbackAspect).map((aspect) => ({
      aspect,
      count: count((row) => row.by_aspect && row.aspect === aspect),
    }));
    const byResolution: ResolutionCountView[] = [...Object.values(FeedbackResolution), null].map((resolution) => ({
      resolution,
      count: count((row) => !row.by_aspect && row.resolution === resolution),
    }));
    const { unitsInvited, unitsCommented, unitsAgreedWithoutComment, unitsNotAnswered, unitsConfirmed } = counts;
    return {
      unitsInvited,
      unitsCommented,
      unitsAgreedWithoutComment,
      unitsNotAnswered,
      unitsConfirmed,
      unitsAnswered: unitsCommented + unitsAgreedWithoutComment,
      comments: byAspect.reduce((sum, row) => sum + row.count, 0),
      byAspect,
      byResolution,
    };
  });
}

export const synthesisSummary = async (em: EntityManager, id: number) => (await synthesisSummaries(em, [id]))[0]!;

/** Summaries by round, batched per request (callers authorise). */
export const summaryLoader = (ctx: AppContext) =>
  requestLoader<SynthesisSummaryView>(ctx, summaryLoader, (ids) => synthesisSummaries(ctx.em, ids));

/**
 * One row per active comment, in the order of the criteria tree (general comments first), then
 * by block and unit code. The tree order comes from a recursive walk of the round's criteria set.
 */
const SYNTHESIS_ROWS_SQL = `
  with recursive tree (id, path) as (
    select id, array[position] from criterion where criteria_set_id = (select criteria_set_id from consultation where id = ?) and parent_id is null
    union all
    select child.id, tree.path || child.position from criterion child join tree on child.parent_id = tree.id
  )
  select c.id as "commentId", cr.code as "criterionCode", cr.title as "criterionTitle", u.code as "unitCode", u.name as "unitName",
         c.aspect, c.text, c.proposed_wording as "proposedWording", r.resolution, r.explanation, r.status as "responseStatus",
         rc.code as "revisedCriterionCode"
    from feedback_comment c
    join unit u on u.id = c.unit_id
    left join criterion cr on cr.id = c.criterion_id
    left join tree on tree.id = c.criterion_id
    left join feedback_response r on r.comment_id = c.id
    left join criterion rc on rc.id = r.revised_criterion_id
   where c.consultation_id = ? and c.status = '${FeedbackCommentStatus.ACTIVE}'
   order by tree.path nulls first, u.block, u.code, c.id`;

export function synthesisRows(em: EntityManager, consultationId: number): Promise<SynthesisRowView[]> {
  return em.getConnection().execute<SynthesisRowView[]>(SYNTHESIS_ROWS_SQL, [consultationId, consultationId]);
}

/**
 * The same rows through a server-side cursor, a batch at a time, so an export of any size holds
 * only one batch in memory. The stream holds a pooled connection until it ends or is destroyed.
 */
export function streamSynthesisRows(em: EntityManager, consultationId: number): AsyncIterable<SynthesisRowView> & { destroy(): void } {
  const knex = em.getConnection().getKnex() as Knex;
  // knex hands a raw query's stream to pg-query-stream (a cursor fetching `batchSize` rows at a time).
  return knex.raw(SYNTHESIS_ROWS_SQL, [consultationId, consultationId]).stream({ batchSize: 200, highWaterMark: 200 }) as never;
}

/** The synthesis report of a round, but its rows (streamed apart): NOT_FOUND, or FORBIDDEN unless the caller may read it. */
export async function readableSynthesis(ctx: AppContext, id: number): Promise<Omit<SynthesisDocument, 'rows'>> {
  const actor = requireUser(ctx);
  const consultation = await consultationLoader(ctx).load(id);
  if (!consultation) throw missingRow(actor, 'read', 'ConsultationSynthesis', CONSULTATION, id);
  if (!canReadSynthesis(ctx, id)) throw forbidden();
  const set = (await criteriaSetLoader(ctx).load(consultation.criteriaSetId))!;
  return {
    title: consultation.title,
    introduction: consultation.introduction,
    draftTitle: set.title,
    draftVersion: set.version,
    opensAt: consultation.opensAt,
    closesAt: consultation.closesAt,
    summary: await synthesisSummary(ctx.em, id),
  };
}

/** The synthesis summary of a round, or null unless the caller may read the synthesis. */
export const readableSummary = async (ctx: AppContext, id: number): Promise<SynthesisSummaryView | null> =>
  canReadSynthesis(ctx, id) ? summaryLoader(ctx).load(id) : null;

/** The synthesis table of a round, or null unless the caller may read it. */
export const readableSynthesisRows = async (ctx: AppContext, id: number): Promise<SynthesisRowView[] | null> =>
  canReadSynthesis(ctx, id) ? synthesisRows(ctx.em, id) : null;

/** Where the portal downloads the synthesis (consultation.routes.ts), or null unless the caller may read it. */
export const readableSynthesisUrl = (ctx: AppContext, id: number, format: 'xlsx' | 'docx' = 'xlsx'): string | null =>
  canReadSynthesis(ctx, id) ? `/api/consultation/${id}/synthesis.${format}` : null;
