import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { NotificationKind, notifyUnits } from '../notifications/index.ts';
import { lockPeriod, Period, PeriodStatus } from '../periods/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import { cleanText } from '../shared/text.ts';
import { unitNotFound } from '../units/index.ts';
import { ScoreSheet, ScoreSheetStatus } from './scoring.entity.ts';
import { createSheet } from './scoring.service.ts';
import { EFFECTIVE_DEADLINE } from './sheet-state.ts';
import type { ExtendSelfScoringInput, SelfScoringDeadlineInput } from './window.types.ts';

/** The period, locked, while units self-score: its deadlines mean nothing at any other step. */
async function periodInSelfScoring(em: EntityManager, actor: Actor, periodId: number): Promise<Period> {
  const period = await lockPeriod(em, actor, periodId);
  if (period.status !== PeriodStatus.SELF_ASSESSMENT) {
    throw domainError(
      'PERIOD_NOT_OPEN',
      { vi: 'Kỳ đánh giá không trong giai đoạn tự chấm điểm.', en: 'The period is not open for self-assessment.' },
      { periodStatus: period.status },
    );
  }
  return period;
}

const validDate = (date: Date | null | undefined): date is Date => !!date && !Number.isNaN(date.getTime());

/**
 * Moves the period's self-scoring deadline (audited): to now, which closes self-scoring for every unit
 * without a later extension of its own, or to a later date, which reopens it for all of them.
 */
export async function setSelfScoringDeadline(
  em: EntityManager,
  actor: Actor,
  input: SelfScoringDeadlineInput,
  now = new Date(),
): Promise<void> {
  authorize(actor, 'update', 'Period');
  const closesAt = input.closesAt ?? now;
  if (!validDate(closesAt) || closesAt < now) {
    throw badInput('closesAt', {
      vi: 'Hạn tự chấm điểm mới phải từ bây giờ trở đi (để đóng ngay, bỏ trống).',
      en: 'The new self-scoring deadline cannot be in the past (leave it empty to close now).',
    });
  }
  const reason = cleanText(input.reason, 'reason', { max: 2000 });
  await em.transactional(async (tx) => {
    const period = await periodInSelfScoring(tx, actor, input.periodId);
    if (period.explanationClosesAt && closesAt >= period.explanationClosesAt) {
      throw badInput('closesAt', {
        vi: 'Hạn tự chấm điểm phải trước hạn giải trình.',
        en: 'The self-scoring deadline must come before the explanation deadline.',
      });
    }
    const before = period.selfScoringClosesAt.toISOString();
    period.selfScoringClosesAt = closesAt;
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: period.id,
      action: input.closesAt ? 'set-self-scoring-deadline' : 'close-self-scoring',
      before: { selfScoringClosesAt: before },
      after: { selfScoringClosesAt: closesAt.toISOString() },
      reason,
    });
  });
}

/**
 * Gives one unit a later self-scoring deadline than the period's, with the reason (audited). A unit
 * that has not opened its sheet gets it now; a submitted sheet is reopened with `reopenSelfAssessment`.
 */
export async function extendSelfScoring(em: EntityManager, actor: Actor, input: ExtendSelfScoringInput, now = new Date()): Promise<void> {
  authorize(actor, 'extend', 'ScoreSheet');
  const reason = cleanText(input.reason, 'reason', { max: 2000 });
  if (!reason) throw badInput('reason', { vi: 'Cần nêu lý do gia hạn.', en: 'Give a reason for the extension.' });
  if (!validDate(input.until) || input.until <= now) {
    throw badInput('until', { vi: 'Hạn gia hạn phải ở tương lai.', en: 'The extended deadline must be in the future.' });
  }
  await em.transactional(async (tx) => {
    const period = await periodInSelfScoring(tx, actor, input.periodId);
    if (input.until <= period.selfScoringClosesAt) {
      throw badInput('until', {
        vi: 'Hạn gia hạn phải sau hạn tự chấm điểm chung của kỳ đánh giá.',
        en: 'The extended deadline must come after the period’s self-scoring deadline.',
      });
    }
    const [target] = await tx.execute<{ criteria_set_id: number }[]>(
      `select cs.id as criteria_set_id from unit u
         join criteria_set cs on cs.block = u.block
         join period_criteria_sets pcs on pcs.criteria_set_id = cs.id and pcs.period_id = ?
        where u.id = ? and u.active`,
      [period.id, input.unitId],
    );
    if (!target) throw unitNotFound(actor, input.unitId);
    await createSheet(tx, period.id, input.unitId, target.criteria_set_id);
    const sheet = await tx.findOneOrFail(ScoreSheet, { period: period.id, unit: input.unitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (sheet.status === ScoreSheetStatus.SUBMITTED) {
      throw domainError('SHEET_SUBMITTED', {
        vi: 'Đơn vị đã chốt điểm; muốn cho sửa tiếp thì mở lại bảng điểm.',
        en: 'The unit has submitted; reopen its sheet to let it change anything.',
      });
    }
    const before = { deadlineExtendedTo: sheet.deadlineExtendedTo?.toISOString() ?? null };
    sheet.deadlineExtendedTo = input.until;
    sheet.extensionReason = reason;
    recordAudit(tx, actor, {
      subjectType: 'ScoreSheet',
      subjectId: sheet.id,
      sheetId: sheet.id,
      action: 'extend-deadline',
      before,
      after: { deadlineExtendedTo: input.until.toISOString() },
      reason,
    });
  });
}

/**
 * Reminds the members of each unit that has not submitted and may still self-score of its deadline
 * (in the app, linked to its sheet). Returns the units reminded.
 */
export async function remindUnits(em: EntityManager, actor: Actor, periodId: number, unitIds: number[], now = new Date()): Promise<number> {
  authorize(actor, 'remind', 'ScoreSheet');
  return em.transactional(async (tx) => {
    const period = await periodInSelfScoring(tx, actor, periodId);
    const units = await tx.execute<{ unit_id: number; deadline: Date }[]>(
      `select u.id as unit_id, ${EFFECTIVE_DEADLINE} as deadline
         from period p
         join period_criteria_sets pcs on pcs.period_id = p.id
         join criteria_set cs on cs.id = pcs.criteria_set_id
         join unit u on u.block = cs.block and u.active
         left join score_sheet s on s.period_id = p.id and s.unit_id = u.id
        where p.id = ? and u.id = any(?::int[]) and s.status is distinct from 'SUBMITTED' and ${EFFECTIVE_DEADLINE} > ?`,
      [period.id, intArray(unitIds), now],
    );
    await notifyUnits(tx, units, (unit) => ({
      kind: NotificationKind.DEADLINE_APPROACHING,
      params: {
        periodId: period.id,
        periodName: period.name,
        step: PeriodStatus.SELF_ASSESSMENT,
        closesAt: new Date(unit.deadline).toISOString(),
      },
      link: `/scoring/${period.id}/${unit.unit_id}`,
    }));
    return units.length;
  });
}
