import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { listsByIdLoader, requestLoader, requireUser, type AppContext } from '../access/index.ts';
import { intArray, toDate } from '../shared/sql.ts';
import { authorizedReview } from './appraisal.read.ts';
import { CommentSide, type CommentRevisionView, type CommentView } from './comments.types.ts';

/** The comments of one sub-criterion (optionally of one evidence document), oldest first: one statement. */
async function queryComments(em: EntityManager, userId: number, scoreId: number, evidenceId?: number | null): Promise<CommentView[]> {
  const rows = await em.execute<
    {
      id: number;
      score_id: number;
      evidence_id: number | null;
      parent_id: number | null;
      author_id: number;
      author_name: string;
      unit_side: boolean;
      body: string;
      created_at: Date;
      edited_at: Date | null;
      resolved_at: Date | null;
      resolved_by_name: string | null;
      is_new: boolean;
      version: number;
    }[]
  >(
    `select c.id, c.score_id, c.evidence_id, c.parent_id, c.author_id, a.display_name as author_name,
            (a.unit_id = r.unit_id and a.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]) as unit_side, c.body, c.created_at, c.edited_at, c.resolved_at,
            rb.display_name as resolved_by_name, c.version,
            c.author_id <> ? and (cr.read_at is null or c.created_at > cr.read_at) as is_new
       from comment c
       join sheet_review r on r.id = c.review_id
       join app_user a on a.id = c.author_id
       left join app_user rb on rb.id = c.resolved_by_id
       left join comment_read cr on cr.score_id = c.score_id and cr.user_id = ?
      where c.score_id = ? and (?::int is null or c.evidence_id = ?::int)
      order by c.created_at, c.id`,
    [userId, userId, scoreId, evidenceId ?? null, evidenceId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    scoreId: row.score_id,
    evidenceId: row.evidence_id,
    parentId: row.parent_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorSide: row.unit_side ? CommentSide.UNIT : CommentSide.APPRAISAL,
    body: row.body,
    createdAt: toDate(row.created_at),
    editedAt: toDate(row.edited_at),
    resolvedAt: toDate(row.resolved_at),
    resolvedByName: row.resolved_by_name,
    isNew: row.is_new,
    version: row.version,
  }));
}

/** The comments of a sub-criterion the caller may read (its sheet is readable to them), oldest first. */
export async function readableThread(ctx: AppContext, scoreId: number, evidenceId?: number | null): Promise<CommentView[]> {
  const actor = requireUser(ctx);
  await authorizedReview(ctx.em, actor, { scoreId });
  return queryComments(ctx.em, actor.id, scoreId, evidenceId);
}

/** Earlier texts of comments, batched per request. */
export function revisionsLoader(ctx: AppContext): DataLoader<number, CommentRevisionView[]> {
  return listsByIdLoader(
    ctx,
    revisionsLoader,
    'select comment_id, body, written_at, replaced_at from comment_revision where comment_id = any(?::int[]) order by replaced_at, id',
    (row: { comment_id: number; body: string; written_at: Date; replaced_at: Date }) => row.comment_id,
    (rows) => rows.map((row) => ({ body: row.body, writtenAt: toDate(row.written_at), replacedAt: toDate(row.replaced_at) })),
  );
}

export interface CommentCounts {
  total: number;
  unread: number;
}

/**
 * Comment counts per score for the caller, batched per request. Callers only ask about scores of
 * sheets they were allowed to read.
 */
export function commentCountsLoader(ctx: AppContext): DataLoader<number, CommentCounts> {
  const userId = ctx.user?.id ?? 0;
  return requestLoader<CommentCounts>(ctx, commentCountsLoader, async (scoreIds) => {
    const rows = await ctx.em.execute<{ score_id: number; total: number; unread: number }[]>(
      `select c.score_id, count(*)::int as total,
            count(*) filter (where c.author_id <> ? and (cr.read_at is null or c.created_at > cr.read_at))::int as unread
       from comment c left join comment_read cr on cr.score_id = c.score_id and cr.user_id = ?
      where c.score_id = any(?::int[])
      group by c.score_id`,
      [userId, userId, intArray(scoreIds)],
    );
    const byScore = new Map(rows.map((row) => [row.score_id, row]));
    return scoreIds.map((id) => byScore.get(id) ?? { total: 0, unread: 0 });
  });
}
