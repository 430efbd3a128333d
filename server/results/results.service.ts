import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Period, periodNotFound, PeriodStatus } from '../periods/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { cleanText } from '../shared/text.ts';
import { PeriodPublication, ResultGroup } from './results.entity.ts';
import { leafPointsCtes } from './results.sql.ts';
import { snapshotResults } from './snapshot.ts';
import type { ResultGroupInput } from './results.types.ts';

/** The period, row-locked for the rest of the transaction (publication and groups change one at a time). */
async function lockedPeriod(em: EntityManager, actor: Actor, periodId: number): Promise<{ period: Period; published: boolean }> {
  const [row] = await em.execute<{ id: number; published: boolean }[]>(
    `select p.id, exists (select 1 from period_publication pp where pp.period_id = p.id) as published
       from period p where p.id = ? for update`,
    [periodId],
  );
  if (!row) throw periodNotFound(actor, periodId);
  return { period: await em.findOneOrFail(Period, periodId), published: row.published };
}

const publishedError = () =>
  domainError('RESULTS_PUBLISHED', {
    vi: 'Kết quả đã được công bố; hãy thu hồi công bố trước khi thay đổi.',
    en: 'The results are published; withdraw the publication before changing them.',
  });

export async function setResultGroups(em: EntityManager, actor: Actor, periodId: number, groups: ResultGroupInput[]): Promise<void> {
  authorize(actor, 'update', 'ResultGroup');
  if (!groups.length) throw badInput('groups', { vi: 'Cần ít nhất một nhóm.', en: 'Give at least one group.' });
  const cleaned = groups.map((group, index) => {
    const min = toHundredths(String(group.minIndex), `groups.${index}.minIndex`);
    if (min < 0 || min > 10_000_00) {
      throw badInput(`groups.${index}.minIndex`, {
        vi: 'Ngưỡng phải từ 0 đến 10000 (%).',
        en: 'A threshold must be between 0 and 10000 (%).',
      });
    }
    return {
      code: group.code.trim().toUpperCase(),
      label: cleanText(group.label, `groups.${index}.label`, { required: true, max: 200 })!,
      min,
    };
  });
  const codes = new Set(cleaned.map((group) => group.code));
  if (codes.size !== cleaned.length) throw badInput('groups', { vi: 'Mã nhóm bị trùng.', en: 'Group codes must be unique.' });
  if (new Set(cleaned.map((group) => group.min)).size !== cleaned.length) {
    throw badInput('groups', { vi: 'Hai nhóm không được có cùng ngưỡng.', en: 'Two groups cannot share a threshold.' });
  }
  await em.transactional(async (tx) => {
    const { period, published } = await lockedPeriod(tx, actor, periodId);
    if (published) throw publishedError();
    const before = await tx.find(ResultGroup, { period });
    before.forEach((group) => tx.remove(group));
    for (const group of cleaned)
      tx.create(ResultGroup, { period, code: group.code, label: group.label, minIndex: fromHundredths(group.min) });
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: periodId,
      action: 'set-result-groups',
      before: { groups: before.map((group) => ({ code: group.code, minIndex: group.minIndex })) },
      after: { groups: cleaned.map((group) => ({ code: group.code, minIndex: fromHundredths(group.min) })) },
    });
  });
}

/** Survey sub-criteria still without points, over every unit in the period's results. */
async function missingSurvey(em: EntityManager, periodId: number): Promise<{ missing: number; units: number }> {
  const q = new SqlBuilder();
  const sql = `with recursive ${leafPointsCtes(q, [periodId])}
    select count(*)::int as missing, count(distinct unit_id)::int as units
      from leaf_points where kind = 'SURVEY' and applicable and survey_value is null`;
  const [row] = await em.execute<{ missing: number; units: number }[]>(sql, q.params);
  return row ?? { missing: 0, units: 0 };
}

export async function publishResults(em: EntityManager, actor: Actor, periodId: number, allowMissingSurvey: boolean): Promise<void> {
  authorize(actor, 'publish', 'PeriodResult');
  await em.transactional(async (tx) => {
    const { period, published } = await lockedPeriod(tx, actor, periodId);
    if (published) {
      throw domainError('RESULTS_ALREADY_PUBLISHED', {
        vi: 'Kết quả kỳ này đã được công bố.',
        en: 'The results of this period are already published.',
      });
    }
    if (period.status !== PeriodStatus.FINALIZED) {
      throw domainError(
        'RESULTS_NOT_FINAL',
        {
          vi: 'Chỉ công bố được kết quả khi kỳ đánh giá đã chốt điểm thẩm định (FINALIZED).',
          en: 'Results can be published only once the period is FINALIZED.',
        },
        { status: period.status },
      );
    }
    const survey = await missingSurvey(tx, periodId);
    if (survey.missing > 0 && !allowMissingSurvey) {
      throw domainError(
        'SURVEY_INCOMPLETE',
        {
          vi: `Còn ${survey.missing} tiêu chí điều tra xã hội học của ${survey.units} đơn vị chưa có điểm. Hãy nhập kết quả điều tra, hoặc công bố với allowMissingSurvey.`,
          en: `${survey.missing} survey sub-criteria of ${survey.units} units have no points. Import the survey, or publish with allowMissingSurvey.`,
        },
        survey,
      );
    }
    // What the ranking reads from now on; withdrawing the publication drops it (a trigger).
    await snapshotResults(tx, periodId);
    tx.create(PeriodPublication, { period, publishedBy: tx.getReference(User, actor.id) });
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: periodId,
      action: 'publish-results',
      after: { published: true, missingSurvey: survey.missing },
    });
  });
}

export async function withdrawResults(em: EntityManager, actor: Actor, periodId: number, reason: string): Promise<void> {
  authorize(actor, 'withdraw', 'PeriodResult');
  const why = cleanText(reason, 'reason', { max: 2000 });
  if (!why) {
    throw badInput('reason', {
      vi: 'Cần nêu lý do thu hồi (tối đa 2000 ký tự).',
      en: 'Give the reason for withdrawing (at most 2000 characters).',
    });
  }
  await em.transactional(async (tx) => {
    const { period, published } = await lockedPeriod(tx, actor, periodId);
    if (!published) {
      throw domainError('RESULTS_NOT_PUBLISHED', {
        vi: 'Kết quả kỳ này chưa được công bố.',
        en: 'The results of this period are not published.',
      });
    }
    await tx.nativeDelete(PeriodPublication, { period });
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: periodId,
      action: 'withdraw-results',
      before: { published: true },
      after: { published: false },
      reason: why,
    });
  });
}
