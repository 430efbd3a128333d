import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CriteriaSet, CriteriaSetStatus } from '../criteria/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Period, PeriodStatus } from './period.entity.ts';
import { periodNotFound } from './period.errors.ts';
import type { CreatePeriodInput, UpdatePeriodInput } from './period.types.ts';

/** The sets exist, belong to the period's year, are not archived, and there is at most one per block. */
async function loadSets(em: EntityManager, ids: number[], year: number): Promise<CriteriaSet[]> {
  const unique = [...new Set(ids)];
  const sets = await em.find(CriteriaSet, { id: { $in: unique } });
  const missing = unique.filter((id) => !sets.some((set) => set.id === id));
  if (missing.length) {
    throw badInput('criteriaSetIds', {
      vi: `Không có bộ tiêu chí mã ${missing.join(', ')}.`,
      en: `Criteria sets ${missing.join(', ')} do not exist.`,
    });
  }
  for (const set of sets) {
    if (set.year !== year) {
      throw badInput('criteriaSetIds', {
        vi: `Bộ tiêu chí ${set.id} thuộc năm ${set.year}, không phải năm ${year}.`,
        en: `Criteria set ${set.id} is for ${set.year}, not ${year}.`,
      });
    }
    if (set.status === CriteriaSetStatus.ARCHIVED) {
      throw badInput('criteriaSetIds', { vi: `Bộ tiêu chí ${set.id} đã được thay thế.`, en: `Criteria set ${set.id} is archived.` });
    }
  }
  const blocks = sets.map((set) => set.block);
  if (new Set(blocks).size !== blocks.length) {
    throw badInput('criteriaSetIds', { vi: 'Mỗi khối chỉ dùng một bộ tiêu chí.', en: 'Give one criteria set per block.' });
  }
  return sets;
}

export function assertDeadlines(selfScoringClosesAt: Date, explanationClosesAt: Date | null | undefined): void {
  if (Number.isNaN(selfScoringClosesAt.getTime())) {
    throw badInput('selfScoringClosesAt', { vi: 'Hạn tự chấm điểm không hợp lệ.', en: 'Invalid self-scoring deadline.' });
  }
  if (explanationClosesAt && explanationClosesAt <= selfScoringClosesAt) {
    throw badInput('explanationClosesAt', {
      vi: 'Hạn giải trình phải sau hạn tự chấm điểm.',
      en: 'The explanation deadline must come after the self-scoring deadline.',
    });
  }
}

/**
 * The period, row-locked for the rest of the transaction and read afresh under the lock (a copy the entity manager
 * already held could predate another transaction's change); `periodNotFound` when there is none.
 */
export async function lockPeriod(em: EntityManager, actor: Actor, id: number): Promise<Period> {
  const period = await em.findOne(Period, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!period) throw periodNotFound(actor, id);
  return period;
}

export async function createPeriod(em: EntityManager, actor: Actor, input: CreatePeriodInput): Promise<Period> {
  authorize(actor, 'create', 'Period');
  assertDeadlines(input.selfScoringClosesAt, input.explanationClosesAt);
  const sets = await loadSets(em, input.criteriaSetIds, input.year);
  return em.transactional(async (tx) => {
    const period = tx.create(Period, {
      year: input.year,
      name: cleanText(input.name, 'name', { required: true, max: 300 })!,
      selfScoringClosesAt: input.selfScoringClosesAt,
      explanationClosesAt: input.explanationClosesAt ?? null,
    });
    period.criteriaSets.set(sets);
    await tx.flush();
    recordAudit(tx, actor, { subjectType: 'Period', subjectId: period.id, action: 'period-create', after: audited(period) });
    return period;
  });
}

/** What the audit trail keeps of a period: its name, deadlines, state and criteria sets. */
function audited(period: Period): Record<string, unknown> {
  return {
    name: period.name,
    status: period.status,
    selfScoringClosesAt: period.selfScoringClosesAt,
    explanationClosesAt: period.explanationClosesAt,
    criteriaSetIds: period.criteriaSets.getItems().map((set) => set.id),
  };
}

/** Changes a period's name, deadlines or (while PLANNED) criteria sets, on the version the secretariat read. */
export async function updatePeriod(em: EntityManager, actor: Actor, id: number, input: UpdatePeriodInput): Promise<Period> {
  authorize(actor, 'update', 'Period');
  return em.transactional((tx) => changePeriod(tx, actor, id, input));
}

async function changePeriod(em: EntityManager, actor: Actor, id: number, input: UpdatePeriodInput): Promise<Period> {
  // Locked: two edits of one period take turns, and the second sees the version the first made.
  const period = await lockPeriod(em, actor, id);
  assertVersion(period, input.version);
  await em.populate(period, ['criteriaSets']);
  const before = audited(period);
  assertDeadlines(
    input.selfScoringClosesAt ?? period.selfScoringClosesAt,
    input.explanationClosesAt !== undefined ? input.explanationClosesAt : period.explanationClosesAt,
  );
  if (input.criteriaSetIds) {
    if (period.status !== PeriodStatus.PLANNED) {
      throw domainError(
        'PERIOD_STARTED',
        { vi: 'Kỳ đánh giá đã bắt đầu, không thể đổi bộ tiêu chí.', en: 'The period has started; its criteria sets cannot change.' },
        { field: 'criteriaSetIds' },
      );
    }
    period.criteriaSets.set(await loadSets(em, input.criteriaSetIds, period.year));
  }
  if (input.name) period.name = cleanText(input.name, 'name', { required: true, max: 300 })!;
  if (input.selfScoringClosesAt) period.selfScoringClosesAt = input.selfScoringClosesAt;
  if (input.explanationClosesAt !== undefined) period.explanationClosesAt = input.explanationClosesAt;
  recordAudit(em, actor, { subjectType: 'Period', subjectId: period.id, action: 'period-update', before, after: audited(period) });
  await em.flush();
  // The sets live in another table: changing them alone updates no column of the row, so the version moves on by hand.
  if (input.criteriaSetIds && period.version === input.version)
    await em.execute('update period set version = version + 1 where id = ?', [id]);
  return period;
}

/** PLANNED → SELF_ASSESSMENT: units see the period and start scoring. Every set must be published. */
export async function openPeriod(em: EntityManager, actor: Actor, id: number): Promise<Period> {
  authorize(actor, 'open', 'Period');
  const period = await em.findOne(Period, id, { populate: ['criteriaSets'] });
  if (!period) throw periodNotFound(actor, id);
  if (period.status !== PeriodStatus.PLANNED) {
    throw domainError('PERIOD_STARTED', { vi: 'Kỳ đánh giá đã được mở.', en: 'The period is already open.' });
  }
  const unpublished = period.criteriaSets.getItems().filter((set) => set.status !== CriteriaSetStatus.PUBLISHED);
  if (unpublished.length) {
    throw domainError('SET_NOT_PUBLISHED', {
      vi: `Bộ tiêu chí ${unpublished.map((set) => set.id).join(', ')} chưa được ban hành.`,
      en: `Criteria sets ${unpublished.map((set) => set.id).join(', ')} are not published.`,
    });
  }
  period.status = PeriodStatus.SELF_ASSESSMENT;
  recordAudit(em, actor, {
    subjectType: 'Period',
    subjectId: period.id,
    action: 'period-open',
    before: { status: PeriodStatus.PLANNED },
    after: { status: period.status },
  });
  await em.flush();
  return period;
}
