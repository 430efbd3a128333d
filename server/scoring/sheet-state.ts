import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, lockAfterCheck, missingRow, type Actor, type AppAbility } from '../access/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { domainError, forbidden } from '../shared/errors.ts';
import { toDate } from '../shared/sql.ts';
import { ScoreSheetStatus } from './scoring.entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** Why the caller cannot change a sheet right now. */
export const SheetLockReason = describedEnum({
  READ_ONLY: 'The caller’s role only reads sheets (or not this one).',
  SUBMITTED: 'The sheet is submitted.',
  PERIOD_CLOSED: 'The period is no longer (or not yet) in self-assessment.',
  DEADLINE_PASSED: 'The unit’s self-scoring deadline has passed.',
});
export type SheetLockReason = EnumValue<typeof SheetLockReason>;

/** The sheet's self-scoring deadline over `score_sheet s` and `period p`: the period's, or the unit's extension when later. */
export const EFFECTIVE_DEADLINE = 'greatest(p.self_scoring_closes_at, s.deadline_extended_to)';

/** What every write to a sheet (scores, evidence, links, submission) is decided on. */
export interface SheetState {
  id: number;
  unitId: number;
  periodId: number;
  criteriaSetId: number;
  status: ScoreSheetStatus;
  periodStatus: PeriodStatus;
  year: number;
  /** The deadline for this sheet: the period's, or the unit's extension (EFFECTIVE_DEADLINE). */
  selfScoringClosesAt: Date;
}

/** The row CASL conditions are matched against (entity property names). */
export const sheetSubject = (state: Pick<SheetState, 'unitId' | 'status'>) => ({ unit: state.unitId, status: state.status });

/** Null when the caller may change the sheet now; otherwise the first reason they may not. */
export function lockReason(ability: AppAbility, state: SheetState, now = new Date()): SheetLockReason | null {
  if (!ability.can('update', 'ScoreSheet')) return SheetLockReason.READ_ONLY;
  if (state.status === ScoreSheetStatus.SUBMITTED) return SheetLockReason.SUBMITTED;
  if (state.periodStatus !== PeriodStatus.SELF_ASSESSMENT) return SheetLockReason.PERIOD_CLOSED;
  if (now.getTime() >= state.selfScoringClosesAt.getTime()) return SheetLockReason.DEADLINE_PASSED;
  if (!ability.can('update', asSubject('ScoreSheet', sheetSubject(state)))) return SheetLockReason.READ_ONLY;
  return null;
}

/** The error a write meets for each lock reason. */
export function lockError(reason: SheetLockReason, state: SheetState) {
  switch (reason) {
    case SheetLockReason.READ_ONLY:
      return forbidden();
    case SheetLockReason.SUBMITTED:
      return domainError('SHEET_SUBMITTED', {
        vi: 'Bảng điểm đã được chốt; không thể sửa nữa.',
        en: 'The score sheet has been submitted and can no longer be changed.',
      });
    case SheetLockReason.PERIOD_CLOSED:
      return domainError(
        'PERIOD_NOT_OPEN',
        {
          vi: 'Kỳ đánh giá không trong giai đoạn tự chấm điểm.',
          en: 'The period is not open for self-assessment.',
        },
        { periodStatus: state.periodStatus },
      );
    case SheetLockReason.DEADLINE_PASSED:
      return domainError(
        'DEADLINE_PASSED',
        {
          vi: 'Đã hết hạn tự chấm điểm.',
          en: 'The self-assessment deadline has passed.',
        },
        { deadline: state.selfScoringClosesAt.toISOString() },
      );
  }
}

/** Another unit's sheet is FORBIDDEN before anything about it is revealed. */
export function authorizeSheetRead(actor: Actor, state: Pick<SheetState, 'unitId' | 'status'>): void {
  authorize(actor, 'read', 'ScoreSheet', sheetSubject(state));
}

/** Throws unless the caller may change the sheet now. */
export function assertSheetEditable(actor: Actor, state: SheetState): void {
  authorizeSheetRead(actor, state);
  const reason = lockReason(actor.ability, state);
  if (reason) throw lockError(reason, state);
}

export const SHEET = { vi: 'bảng điểm', en: 'Score sheet' };

/**
 * Reads a sheet's state, checks it with `authorise` (the caller's permission and the sheet's state
 * for the write), and only then, inside a transaction, locks its row: `share` for writes to its scores
 * and evidence, `update` for submitting or reopening it, so the two never interleave. The locked row
 * is checked again (it may have changed meanwhile). `null`: no lock (an early check, e.g. before an
 * upload's body is read). A caller who may not read every sheet gets FORBIDDEN for a missing one.
 */
export async function lockSheetState(
  em: EntityManager,
  actor: Actor,
  sheetId: number,
  mode: 'share' | 'update' | null,
  authorise: (state: SheetState) => void,
): Promise<SheetState> {
  const missing = () => missingRow(actor, 'read', 'ScoreSheet', SHEET, sheetId);
  if (mode === null) {
    const state = await readSheetState(em, sheetId, '');
    if (!state) throw missing();
    authorise(state);
    return state;
  }
  const lock = mode === 'share' ? 'for share of s' : 'for no key update of s';
  return lockAfterCheck((locked) => readSheetState(em, sheetId, locked ? lock : ''), missing, authorise);
}

async function readSheetState(em: EntityManager, sheetId: number, lock: string): Promise<SheetState | null> {
  const [row] = await em.execute<
    {
      id: number;
      unit_id: number;
      period_id: number;
      criteria_set_id: number;
      status: ScoreSheetStatus;
      period_status: PeriodStatus;
      year: number;
      self_scoring_closes_at: Date;
    }[]
  >(
    `select s.id, s.unit_id, s.period_id, s.criteria_set_id, s.status, p.status as period_status, p.year,
            ${EFFECTIVE_DEADLINE} as self_scoring_closes_at
       from score_sheet s join period p on p.id = s.period_id
      where s.id = ? ${lock}`,
    [sheetId],
  );
  if (!row) return null;
  return {
    id: row.id,
    unitId: row.unit_id,
    periodId: row.period_id,
    criteriaSetId: row.criteria_set_id,
    status: row.status,
    periodStatus: row.period_status,
    year: row.year,
    selfScoringClosesAt: toDate(row.self_scoring_closes_at),
  };
}
