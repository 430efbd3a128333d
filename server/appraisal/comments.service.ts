import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { User } from '../auth/index.ts';
import { Evidence } from '../evidence/index.ts';
import { NotificationKind, notify, unitMembers } from '../notifications/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { Score } from '../scoring/index.ts';
import { AppError, badInput, domainError } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assignedAppraisers, authorizedReview, findReview, reviewSubject, type ReviewRow } from './appraisal.read.ts';
import { itemFacts, reviewOfScore } from './appraisal.service.ts';
import { Comment, CommentRevision } from './comment.entity.ts';
import type { AddCommentInput, EditCommentInput } from './comments.types.ts';
import { SheetReview } from './cycle.entity.ts';
import { assertDocumentOfScore } from './evidence.read.ts';

const COMMENT = { vi: 'bình luận', en: 'Comment' };

/** The actor may comment on the sheet (their own unit's once released, or as appraiser/secretariat) and it is not final. */
function assertMayComment(actor: Actor, review: ReviewRow): void {
  authorize(actor, 'comment', 'SheetReview', reviewSubject(review));
  if (review.cycle.status === PeriodStatus.FINALIZED) {
    throw domainError('APPRAISAL_FINALIZED', {
      vi: 'Kết quả thẩm định đã chốt; không thể bình luận thêm.',
      en: 'The appraisal is final; comments are closed.',
    });
  }
}

async function commentOnSheet(em: EntityManager, actor: Actor, id: number): Promise<{ comment: Comment; review: ReviewRow }> {
  const comment = await em.findOne(Comment, id);
  if (!comment) throw missingRow(actor, 'comment', 'SheetReview', COMMENT, id);
  const review = (await findReview(em, { reviewId: comment.review.id }))!;
  assertMayComment(actor, review);
  return { comment, review };
}

/**
 * Who hears about a new comment: everyone who wrote in the thread of this sub-criterion; the
 * appraisers assigned to it when the unit writes; the unit's members when appraisers write and
 * the unit can already see the appraisal. Never the author.
 */
async function recipients(em: EntityManager, review: ReviewRow, scoreId: number, authorId: number): Promise<number[]> {
  const participants = await em.execute<{ author_id: number }[]>('select distinct author_id from comment where score_id = ?', [scoreId]);
  const ids = new Set(participants.map((row) => row.author_id));
  const members = (await unitMembers(em, [review.unitId])).get(review.unitId) ?? [];
  if (members.includes(authorId)) {
    for (const id of await assignedAppraisers(em, review.periodId, review.unitId, (await itemFacts(em, scoreId)).areaCode)) ids.add(id);
  } else if (review.releasedRound >= 1) {
    for (const id of members) ids.add(id);
  } else {
    for (const id of members) ids.delete(id);
  }
  ids.delete(authorId);
  return [...ids];
}

export async function addComment(em: EntityManager, actor: Actor, input: AddCommentInput): Promise<number> {
  return em.transactional(async (tx) => {
    const review = await reviewOfScore(tx, actor, 'comment', input.scoreId, (review) => assertMayComment(actor, review));
    const body = cleanText(input.body, 'body');
    if (!body) throw badInput('body', { vi: 'Bình luận không được để trống.', en: 'The comment is empty.' });
    const evidenceId = input.evidenceId ?? null;
    let parent: Comment | null = null;
    if (input.parentId != null) {
      parent = await tx.findOne(Comment, input.parentId);
      if (!parent || parent.score.id !== input.scoreId || (parent.evidence?.id ?? null) !== evidenceId) {
        throw badInput('parentId', {
          vi: 'Bình luận được trả lời không thuộc chủ đề này.',
          en: 'The comment replied to is not in this thread.',
        });
      }
    }
    if (evidenceId !== null) await assertDocumentOfScore(tx, input.scoreId, evidenceId);
    const comment = tx.create(Comment, {
      score: tx.getReference(Score, input.scoreId),
      review: tx.getReference(SheetReview, review.reviewId),
      evidence: evidenceId === null ? null : tx.getReference(Evidence, evidenceId),
      parent,
      author: tx.getReference(User, actor.id),
      body,
    });
    await tx.flush();
    const [{ code }] = await tx.execute<{ code: string }[]>(
      'select c.code from score s join criterion c on c.id = s.criterion_id where s.id = ?',
      [input.scoreId],
    );
    notify(tx, await recipients(tx, review, input.scoreId, actor.id), {
      kind: NotificationKind.COMMENT,
      params: { authorName: actor.displayName, unitName: review.unit.name, criterionCode: code, excerpt: body.slice(0, 140) },
      link: `/appraisal/periods/${review.periodId}/units/${review.unitId}?score=${input.scoreId}`,
    });
    return comment.id;
  });
}

/** Only the author edits; the previous text is kept as a revision. */
export async function editComment(em: EntityManager, actor: Actor, input: EditCommentInput): Promise<number> {
  return em.transactional(async (tx) => {
    const { comment } = await commentOnSheet(tx, actor, input.id);
    authorize(actor, 'update', 'Comment', { author: comment.author.id });
    if (comment.version !== input.version) {
      throw new AppError(
        'CONFLICT',
        {
          vi: 'Bình luận vừa được sửa ở nơi khác; hãy tải lại rồi sửa tiếp.',
          en: 'The comment was changed elsewhere; reload it and edit again.',
        },
        { current: { body: comment.body, version: comment.version } },
      );
    }
    const body = cleanText(input.body, 'body');
    if (!body) throw badInput('body', { vi: 'Bình luận không được để trống.', en: 'The comment is empty.' });
    if (body === comment.body) return comment.score.id;
    tx.create(CommentRevision, { comment, body: comment.body, writtenAt: comment.editedAt ?? comment.createdAt });
    comment.body = body;
    comment.editedAt = new Date();
    return comment.score.id;
  });
}

/** Everyone who wrote in the thread that starts at `rootId` (replies at any depth). */
async function threadParticipants(em: EntityManager, rootId: number): Promise<number[]> {
  const rows = await em.execute<{ author_id: number }[]>(
    `with recursive thread as (
       select id, author_id from comment where id = ?
       union all select c.id, c.author_id from comment c join thread t on c.parent_id = t.id
     ) select distinct author_id from thread`,
    [rootId],
  );
  return rows.map((row) => row.author_id);
}

/**
 * Resolves (or reopens) a thread: its first comment carries the state. Only a participant with rights
 * does it: someone who wrote in the thread (or the secretariat) and may still comment on the sheet.
 */
export async function resolveThread(em: EntityManager, actor: Actor, id: number, resolved: boolean): Promise<number> {
  return em.transactional(async (tx) => {
    const { comment } = await commentOnSheet(tx, actor, id);
    if (comment.parent) {
      throw badInput('id', { vi: 'Chỉ đánh dấu đã giải quyết ở bình luận mở đầu chủ đề.', en: 'Resolve the thread’s first comment.' });
    }
    authorize(actor, 'resolve', 'Comment', { author: comment.author.id, participants: await threadParticipants(tx, comment.id) });
    comment.resolvedAt = resolved ? new Date() : null;
    comment.resolvedBy = resolved ? tx.getReference(User, actor.id) : null;
    return comment.score.id;
  });
}

/** From now on, earlier comments on this sub-criterion (of a sheet the actor may read) are no longer new for them. */
export async function markCommentsRead(em: EntityManager, actor: Actor, scoreId: number): Promise<void> {
  await authorizedReview(em, actor, { scoreId });
  await em.execute(
    `insert into comment_read (user_id, score_id, read_at) values (?, ?, now())
     on conflict (user_id, score_id) do update set read_at = excluded.read_at`,
    [actor.id, scoreId],
  );
}
