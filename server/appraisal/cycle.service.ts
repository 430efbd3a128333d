import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Action, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { NotificationKind, notifyUnits } from '../notifications/index.ts';
import { lockPeriod, Period, PeriodStatus } from '../periods/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import type { AppraisalSettingsInput } from './appraisal.types.ts';
import { capTotalsOfPeriod } from './caps.read.ts';
import { AppraisalCycle, ExplanationStatus } from './cycle.entity.ts';
import { freezeSupplementaryEvidence } from './explanation.service.ts';

const STEP_VI: Record<PeriodStatus, string> = {
  PLANNED: 'chuẩn bị',
  SELF_ASSESSMENT: 'tự chấm điểm',
  APPRAISAL_ROUND_1: 'thẩm định lần 1',
  EXPLANATION: 'giải trình',
  APPRAISAL_ROUND_2: 'thẩm định lần 2',
  FINALIZED: 'đã chốt kết quả',
};

/** The period, locked for the transition, in one of the `allowed` steps. */
async function periodIn(em: EntityManager, actor: Actor, periodId: number, ...allowed: PeriodStatus[]): Promise<Period> {
  const period = await lockPeriod(em, actor, periodId);
  if (!allowed.includes(period.status)) {
    throw domainError(
      'PERIOD_STATUS',
      {
        vi: `Kỳ đánh giá đang ở bước ${STEP_VI[period.status]}; thao tác này chỉ làm được ở bước ${allowed.map((s) => STEP_VI[s]).join(', ')}.`,
        en: `The period is at ${period.status}; this needs ${allowed.join(' or ')}.`,
      },
      { status: period.status, expected: allowed },
    );
  }
  return period;
}

async function cycleOf(em: EntityManager, period: Period): Promise<AppraisalCycle> {
  return (await em.findOne(AppraisalCycle, { period })) ?? em.create(AppraisalCycle, { period });
}

/** One step of the cycle: allowed to the actor, in one transaction, on the period locked in the step it starts from. */
async function periodStep(
  em: EntityManager,
  actor: Actor,
  action: Action,
  periodId: number,
  from: PeriodStatus,
  step: (tx: EntityManager, period: Period) => Promise<void>,
): Promise<void> {
  authorize(actor, action, 'Period');
  await em.transactional(async (tx) => step(tx, await periodIn(tx, actor, periodId, from)));
}

function audit(
  em: EntityManager,
  actor: Actor,
  period: Period,
  action: string,
  before: PeriodStatus,
  extra: Record<string, unknown> = {},
  round: number | null = null,
) {
  recordAudit(em, actor, {
    subjectType: 'Period',
    subjectId: period.id,
    action,
    round,
    before: { status: before },
    after: { status: period.status, ...extra },
  });
}

/**
 * Shows each unit its own sheet's results of `round` (1: round-1 scores, comments and requests for
 * explanation; 2: the final scores) and tells its members. Returns how many sheets.
 */
async function releaseToUnits(tx: EntityManager, period: Period, round: 1 | 2): Promise<number> {
  const reviews = await tx.execute<{ unit_id: number; requests: number }[]>(
    `update sheet_review r set released_round = ?
      where r.period_id = ?
      returning r.unit_id, (select count(*)::int from explanation_request er where er.review_id = r.id) as requests`,
    [round, period.id],
  );
  await notifyUnits(tx, reviews, (review) => ({
    kind: NotificationKind.RESULTS_RELEASED,
    // Round 2 is final: nothing is left to explain.
    params: { periodId: period.id, periodName: period.name, round, requests: round === 1 ? review.requests : 0 },
    link: `/appraisal/periods/${period.id}/units/${review.unit_id}`,
  }));
  return reviews.length;
}

/**
 * SELF_ASSESSMENT → APPRAISAL_ROUND_1. Only once the self-scoring deadline has passed or every
 * unit has submitted. Every submitted sheet goes under review, and every sub-criterion of it
 * gets a score row (unscored ones too), so each can be appraised.
 */
export async function openAppraisalRound1(em: EntityManager, actor: Actor, periodId: number, now = new Date()): Promise<void> {
  await periodStep(em, actor, 'openAppraisal', periodId, PeriodStatus.SELF_ASSESSMENT, async (tx, period) => {
    const [{ pending }] = await tx.execute<{ pending: number }[]>(
      `select count(*)::int as pending from unit u
        where u.active
          and u.block in (select cs.block from period_criteria_sets pcs join criteria_set cs on cs.id = pcs.criteria_set_id where pcs.period_id = ?)
          and not exists (select 1 from score_sheet sh where sh.period_id = ? and sh.unit_id = u.id and sh.status = 'SUBMITTED')`,
      [periodId, periodId],
    );
    // A unit given more time keeps it: round 1 waits for it to submit or for its extension to run out.
    const extended = await tx.execute<{ name: string }[]>(
      `select u.name from score_sheet sh join unit u on u.id = sh.unit_id
        where sh.period_id = ? and sh.status <> 'SUBMITTED' and sh.deadline_extended_to > ? order by u.name`,
      [periodId, now],
    );
    if (extended.length > 0 && now >= period.selfScoringClosesAt) {
      const names = extended.map((unit) => unit.name).join(', ');
      throw domainError(
        'SELF_ASSESSMENT_STILL_OPEN',
        {
          vi: `Chưa thể mở thẩm định lần 1: đơn vị được gia hạn chưa chốt điểm và chưa hết hạn gia hạn (${names}).`,
          en: `Round 1 cannot open yet: units with an extension have not submitted and their extension has not run out (${names}).`,
        },
        { pending: extended.length, extendedUnits: extended.map((unit) => unit.name) },
      );
    }
    if (pending > 0 && now < period.selfScoringClosesAt) {
      throw domainError(
        'SELF_ASSESSMENT_STILL_OPEN',
        {
          vi: `Còn ${pending} đơn vị chưa chốt điểm và chưa hết hạn tự chấm điểm.`,
          en: `${pending} units have not submitted and the self-scoring deadline has not passed.`,
        },
        { pending, closesAt: period.selfScoringClosesAt.toISOString() },
      );
    }
    await tx.execute(
      `insert into score (sheet_id, criterion_id)
       select sh.id, c.id from score_sheet sh join criterion c on c.criteria_set_id = sh.criteria_set_id
        where sh.period_id = ? and sh.status = 'SUBMITTED' and not exists (select 1 from criterion ch where ch.parent_id = c.id)
       on conflict (sheet_id, criterion_id) do nothing`,
      [periodId],
    );
    const reviews = await tx.execute<{ id: number }[]>(
      `insert into sheet_review (sheet_id, period_id, unit_id)
       select id, period_id, unit_id from score_sheet where period_id = ? and status = 'SUBMITTED'
       on conflict (sheet_id) do nothing returning id`,
      [periodId],
    );
    await cycleOf(tx, period);
    period.status = PeriodStatus.APPRAISAL_ROUND_1;
    audit(tx, actor, period, 'open-appraisal-round-1', PeriodStatus.SELF_ASSESSMENT, { sheets: reviews.length }, 1);
  });
}

/**
 * Closes round 1 and shows its scores, comments and requests for explanation to each unit
 * (on its own sheet only). The period stays in APPRAISAL_ROUND_1 until the explanation opens.
 */
export async function releaseRound1Results(em: EntityManager, actor: Actor, periodId: number): Promise<void> {
  await periodStep(em, actor, 'releaseResults', periodId, PeriodStatus.APPRAISAL_ROUND_1, async (tx, period) => {
    const cycle = await cycleOf(tx, period);
    if (cycle.round1ReleasedAt) {
      throw domainError('ALREADY_RELEASED', {
        vi: 'Kết quả thẩm định lần 1 đã được công bố.',
        en: 'Round-1 results are already released.',
      });
    }
    cycle.round1ReleasedAt = new Date();
    const sheets = await releaseToUnits(tx, period, 1);
    audit(tx, actor, period, 'release-round-1', period.status, { sheets }, 1);
  });
}

/**
 * APPRAISAL_ROUND_1 (released) → EXPLANATION until `closesAt` (default: the period's explanation
 * deadline). Units with requests are told what to answer and by when.
 */
export async function openExplanation(
  em: EntityManager,
  actor: Actor,
  periodId: number,
  closesAt: Date | null | undefined,
  now = new Date(),
): Promise<void> {
  await periodStep(em, actor, 'openExplanation', periodId, PeriodStatus.APPRAISAL_ROUND_1, async (tx, period) => {
    const cycle = await cycleOf(tx, period);
    if (!cycle.round1ReleasedAt) {
      throw domainError('RESULTS_NOT_RELEASED', {
        vi: 'Cần công bố kết quả thẩm định lần 1 trước khi mở giải trình.',
        en: 'Release the round-1 results before opening the explanation.',
      });
    }
    const deadline = closesAt ?? period.explanationClosesAt;
    if (!deadline || Number.isNaN(deadline.getTime()) || deadline <= now) {
      throw badInput('closesAt', {
        vi: 'Hạn giải trình phải là một thời điểm trong tương lai.',
        en: 'The explanation deadline must be in the future.',
      });
    }
    period.explanationClosesAt = deadline;
    period.status = PeriodStatus.EXPLANATION;
    // Only sheets with something to explain; the others have nothing to lock.
    await tx.execute(
      `update sheet_review r set explanation_status = ?
        where r.period_id = ? and exists (select 1 from explanation_request er where er.review_id = r.id)`,
      [ExplanationStatus.OPEN, periodId],
    );
    const requested = await tx.execute<{ unit_id: number; requests: number }[]>(
      `select r.unit_id, count(er.id)::int as requests from sheet_review r join explanation_request er on er.review_id = r.id
        where r.period_id = ? group by r.unit_id`,
      [periodId],
    );
    await notifyUnits(tx, requested, (row) => ({
      kind: NotificationKind.EXPLANATION_REQUESTED,
      params: { periodId, periodName: period.name, requests: row.requests, closesAt: deadline.toISOString() },
      link: `/appraisal/periods/${periodId}/units/${row.unit_id}`,
    }));
    audit(tx, actor, period, 'open-explanation', PeriodStatus.APPRAISAL_ROUND_1, { explanationClosesAt: deadline.toISOString() });
  });
}

/**
 * EXPLANATION → APPRAISAL_ROUND_2, once the explanation deadline has passed or every unit has
 * locked. Explanations still open are locked as they stand, their evidence frozen.
 */
export async function openAppraisalRound2(em: EntityManager, actor: Actor, periodId: number, now = new Date()): Promise<void> {
  await periodStep(em, actor, 'openAppraisal', periodId, PeriodStatus.EXPLANATION, async (tx, period) => {
    const open = await tx.execute<{ id: number }[]>('select id from sheet_review where period_id = ? and explanation_status = ?', [
      periodId,
      ExplanationStatus.OPEN,
    ]);
    if (open.length > 0 && period.explanationClosesAt && now < period.explanationClosesAt) {
      throw domainError(
        'EXPLANATION_STILL_OPEN',
        {
          vi: `Còn ${open.length} đơn vị chưa khóa giải trình và chưa hết hạn giải trình.`,
          en: `${open.length} units have not locked their explanation and the deadline has not passed.`,
        },
        { pending: open.length, closesAt: period.explanationClosesAt.toISOString() },
      );
    }
    const ids = open.map((review) => review.id);
    await freezeSupplementaryEvidence(tx, ids);
    await tx.execute(`update sheet_review set explanation_status = ?, explanation_locked_at = now() where id = any(?::int[])`, [
      ExplanationStatus.LOCKED,
      intArray(ids),
    ]);
    for (const review of open) {
      recordAudit(tx, actor, {
        subjectType: 'SheetReview',
        subjectId: review.id,
        action: 'auto-lock-explanation',
        after: { explanationStatus: ExplanationStatus.LOCKED },
      });
    }
    period.status = PeriodStatus.APPRAISAL_ROUND_2;
    audit(tx, actor, period, 'open-appraisal-round-2', PeriodStatus.EXPLANATION, { autoLocked: ids.length }, 2);
  });
}

/** APPRAISAL_ROUND_2 → FINALIZED: final scores become read-only and visible to each unit. No sheet may exceed a cap. */
export async function finalizeAppraisal(em: EntityManager, actor: Actor, periodId: number): Promise<void> {
  await periodStep(em, actor, 'finalize', periodId, PeriodStatus.APPRAISAL_ROUND_2, async (tx, period) => {
    const cycle = await cycleOf(tx, period);
    const over = (await capTotalsOfPeriod(tx, periodId)).filter(
      (sheet) => sheet.bonus > sheet.bonusCap || sheet.deduction > sheet.deductionCap,
    );
    if (over.length > 0) {
      const units = over.map((sheet) => sheet.unitCode).join(', ');
      throw domainError(
        'CAP_EXCEEDED',
        {
          vi: `Điểm thưởng hoặc điểm trừ của các đơn vị sau vượt mức tối đa: ${units}.`,
          en: `Bonus or deduction points exceed the cap for: ${units}.`,
        },
        { units: over.map((sheet) => sheet.unitCode) },
      );
    }
    cycle.finalizedAt = new Date();
    period.status = PeriodStatus.FINALIZED;
    const sheets = await releaseToUnits(tx, period, 2);
    audit(tx, actor, period, 'finalize', PeriodStatus.APPRAISAL_ROUND_2, { sheets }, 2);
  });
}

const CAP_LIMIT = 99_999_99;

function capValue(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const hundredths = toHundredths(value, field);
  if (hundredths < 0 || hundredths > CAP_LIMIT) {
    throw badInput(field, { vi: 'Mức tối đa phải từ 0 trở lên.', en: 'A cap must be zero or more.' });
  }
  return fromHundredths(hundredths);
}

/** Sets the period's bonus and deduction caps (null = the set's section maximum); not once finalised. */
export async function configureAppraisal(em: EntityManager, actor: Actor, periodId: number, input: AppraisalSettingsInput): Promise<void> {
  authorize(actor, 'configureAppraisal', 'Period');
  const bonusCap = capValue(input.bonusCap, 'bonusCap');
  const deductionCap = capValue(input.deductionCap, 'deductionCap');
  await em.transactional(async (tx) => {
    const period = await periodIn(
      tx,
      actor,
      periodId,
      PeriodStatus.PLANNED,
      PeriodStatus.SELF_ASSESSMENT,
      PeriodStatus.APPRAISAL_ROUND_1,
      PeriodStatus.EXPLANATION,
      PeriodStatus.APPRAISAL_ROUND_2,
    );
    const cycle = await cycleOf(tx, period);
    const before = { bonusCap: cycle.bonusCap ?? null, deductionCap: cycle.deductionCap ?? null };
    if (input.bonusCap !== undefined) cycle.bonusCap = bonusCap;
    if (input.deductionCap !== undefined) cycle.deductionCap = deductionCap;
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: period.id,
      action: 'configure-appraisal',
      before,
      after: { bonusCap: cycle.bonusCap ?? null, deductionCap: cycle.deductionCap ?? null },
    });
  });
}
