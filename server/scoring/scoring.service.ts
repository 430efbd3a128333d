import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { periodNotFound, PeriodStatus } from '../periods/index.ts';
import { fromHundredths } from '../shared/decimal.ts';
import { AppError, badInput, domainError } from '../shared/errors.ts';
import { currentLocale } from '../shared/i18n.ts';
import { preparedQuery, toDate } from '../shared/sql.ts';
import { cleanText } from '../shared/text.ts';
import { unitNotFound } from '../units/index.ts';
import { checkSheet } from './check.logic.ts';
import { measuredPoints } from './measured.ts';
import { assertSelfScored, validatePoints } from './points.logic.ts';
import { ScoreSheet, ScoreSheetStatus } from './scoring.entity.ts';
import {
  findSaveTarget,
  findSheetHead,
  loadSheetDetail,
  SCORE_COLUMNS,
  stateOf,
  type SaveTargetRow,
  type SheetHeadRow,
} from './scoring.read.ts';
import type { ScoreRow } from './sheet.logic.ts';
import { ProblemSeverity, type SaveSelfScoreInput } from './scoring.types.ts';
import { assertSheetEditable, authorizeSheetRead, lockError, lockReason, lockSheetState, SHEET, sheetSubject } from './sheet-state.ts';

/** Units are public; a missing period is told apart from a hidden one only to those who read every period. */
async function missingPeriodOrUnit(em: EntityManager, actor: Actor, periodId: number, unitId: number): Promise<AppError> {
  const [row] = await em.execute<{ period: boolean }[]>('select exists(select 1 from period where id = ?) as period', [periodId]);
  return row?.period ? unitNotFound(actor, unitId) : periodNotFound(actor, periodId);
}

/**
 * A sheet and one score row per sub-criterion of its set, in one transaction. Plain SQL for the
 * ON CONFLICT: two first reads at once must both end up with the one sheet.
 */
export async function createSheet(em: EntityManager, periodId: number, unitId: number, criteriaSetId: number): Promise<void> {
  await em.transactional(async (tx) => {
    const [sheet] = await tx.execute<{ id: number }[]>(
      `insert into score_sheet (period_id, unit_id, criteria_set_id) values (?, ?, ?)
       on conflict (period_id, unit_id) do nothing returning id`,
      [periodId, unitId, criteriaSetId],
    );
    if (!sheet) return;
    await tx.execute(
      `insert into score (sheet_id, criterion_id)
       select ?, c.id from criterion c
        where c.criteria_set_id = ? and not exists (select 1 from criterion child where child.parent_id = c.id)`,
      [sheet.id, criteriaSetId],
    );
  });
}

/**
 * The unit's sheet for the period as the caller may read it. Only a writer (who may change the
 * unit's draft) creates it, on first access while the period is open, against the period's criteria
 * set for the unit's block; anyone else reading a sheet not created yet gets its head with
 * `sheet_id` null (the empty view) and nothing is written.
 */
export async function openSheet(em: EntityManager, actor: Actor, periodId: number, unitId: number): Promise<SheetHeadRow> {
  const head = await findSheetHead(em, periodId, unitId);
  if (!head) throw await missingPeriodOrUnit(em, actor, periodId, unitId);
  authorize(actor, 'read', 'Period', { status: head.period_status });
  authorizeSheetRead(actor, { unitId, status: head.status ?? ScoreSheetStatus.DRAFT });
  if (head.sheet_id !== null) return head;
  if (head.criteria_set_id === null) {
    throw domainError('NO_CRITERIA_SET', {
      vi: 'Kỳ đánh giá chưa có bộ tiêu chí cho khối của đơn vị này.',
      en: 'The period has no criteria set for this unit’s block.',
    });
  }
  if (head.period_status === PeriodStatus.PLANNED) {
    throw domainError(
      'PERIOD_NOT_OPEN',
      { vi: 'Kỳ đánh giá chưa mở.', en: 'The period is not open yet.' },
      { periodStatus: head.period_status },
    );
  }
  if (!actor.ability.can('update', asSubject('ScoreSheet', sheetSubject({ unitId, status: ScoreSheetStatus.DRAFT })))) return head;
  await createSheet(em, periodId, unitId, head.criteria_set_id);
  return (await findSheetHead(em, periodId, unitId))!;
}

/** A score's self-assessment as audited (old → new) and as a CONFLICT shows the current one. */
interface SelfScoreValues {
  points: string | null;
  note: string | null;
  applicable: boolean;
  notApplicableReason: string | null;
}

const valuesOf = (row: SaveTargetRow): SelfScoreValues => ({
  points: row.self_points,
  note: row.note,
  applicable: row.applicable,
  notApplicableReason: row.not_applicable_reason,
});

function conflict(row: SaveTargetRow): AppError {
  return new AppError(
    'CONFLICT',
    {
      vi: 'Điểm của tiêu chí này vừa được người khác thay đổi. Hãy xem giá trị hiện tại rồi lưu lại.',
      en: 'Someone else changed this score meanwhile. Review the current value and save again.',
    },
    { current: { ...valuesOf(row), version: row.version, updatedAt: toDate(row.updated_at) } },
  );
}

/** The values after the input (omitted = unchanged, null = cleared), or throws on bad values. */
function applyInput(row: SaveTargetRow, input: SaveSelfScoreInput): SelfScoreValues {
  const next = valuesOf(row);
  const applicable = input.applicable ?? row.applicable;
  if (!applicable) {
    if (input.points != null) {
      throw badInput('points', {
        vi: 'Tiêu chí không áp dụng thì không chấm điểm.',
        en: 'An item marked not applicable takes no points.',
      });
    }
    next.points = null;
    if (input.notApplicableReason !== undefined) next.notApplicableReason = cleanText(input.notApplicableReason, 'notApplicableReason');
  } else {
    if (input.points !== undefined)
      next.points = input.points === null ? null : fromHundredths(validatePoints(criterionOf(row), input.points));
    next.notApplicableReason = null;
  }
  next.applicable = applicable;
  if (input.note !== undefined) next.note = cleanText(input.note, 'note');
  return next;
}

const criterionOf = (row: SaveTargetRow) => ({
  code: row.criterion_code,
  kind: row.criterion_kind,
  maxPoints: row.max_points,
  bands: row.bands,
});

/** The sheet, its score and the criterion; throws what a save on them meets first (missing, locked, not a sub-criterion). */
async function saveTarget(em: EntityManager, actor: Actor, input: SaveSelfScoreInput): Promise<SaveTargetRow> {
  const row = await findSaveTarget(em, input.sheetId, input.criterionId);
  if (!row) throw missingRow(actor, 'read', 'ScoreSheet', SHEET, input.sheetId);
  assertSheetEditable(actor, stateOf(row));
  if (row.score_id === null) {
    throw badInput('criterionId', {
      vi: `Tiêu chí ${input.criterionId} không phải là tiêu chí thành phần của bảng điểm này.`,
      en: `Criterion ${input.criterionId} is not a sub-criterion of this score sheet.`,
    });
  }
  assertSelfScored(criterionOf(row));
  return row;
}

/**
 * The versioned update, its audit entry and the read-back of the sheet's scores in ONE statement, on
 * condition that the sheet is still in the state the save was decided on: it takes the sheet's share
 * lock (as every write to its scores does, so a submission never interleaves), and matches no row when
 * the version moved on, the sheet was submitted, or the period closed meanwhile; then it returns no
 * row either. Otherwise it returns one row: the saved score in full, and of every other score of the
 * sheet what roll-ups read (points, applicability; as they were when the statement began) in one JSON
 * array (parsed at once, where 104 rows are parsed field by field), so the save's answer (the saved
 * item, its branch's roll-ups, progress, totals) needs no statement more. Parameters: sheet, its
 * status, the period's status, points, note, applicable, reason, actor, score, version, sheet, actor,
 * before, after. The write benchmark's pgbench runs it too.
 */
export const WRITE_SELF_SCORE_SQL = `with sheet as (
       select s.id from score_sheet s join period p on p.id = s.period_id
        where s.id = ? and s.status = ? and p.status = ? and p.self_scoring_closes_at > now()
          for share of s
     ),
     saved as (
       update score set self_points = ?, note = ?, applicable = ?, not_applicable_reason = ?,
              version = version + 1, updated_at = now(), updated_by_id = ?
        where id = ? and version = ? and sheet_id = (select id from sheet)
       returning *
     ),
     audited as (
       insert into audit_entry (subject_type, subject_id, sheet_id, action, actor_id, before, after)
       select 'Score', saved.id, ?, 'self-score', ?, ?::jsonb, ?::jsonb from saved
     )
     select ${SCORE_COLUMNS},
            (select json_agg(json_build_array(o.id, o.criterion_id, o.self_points::text, o.applicable, o.version))
               from score o where o.sheet_id = sc.sheet_id and o.id <> sc.id) as others
       from saved sc left join app_user ub on ub.id = sc.updated_by_id`;

/** The read-back of a save: the saved score in full, the others of the sheet as [id, criterion, points, applicable, version]. */
type ReadBackRow = ScoreRow & { others: string | [number, number, string | null, boolean, number][] | null };

/**
 * Writes a decided save (WRITE_SELF_SCORE_SQL); returns the sheet's scores as read back (every one of
 * them but the saved one with only what roll-ups read), or null when it did not write.
 */
async function writeSelfScore(
  em: EntityManager,
  actor: Actor,
  row: SaveTargetRow,
  before: SelfScoreValues,
  after: SelfScoreValues,
): Promise<ScoreRow[] | null> {
  const [saved] = await preparedQuery<ReadBackRow>(em, 'write-self-score', WRITE_SELF_SCORE_SQL, [
    row.sheet_id,
    row.status,
    PeriodStatus.SELF_ASSESSMENT,
    after.points,
    after.note,
    after.applicable,
    after.notApplicableReason,
    actor.id,
    row.score_id,
    row.version,
    row.sheet_id,
    actor.id,
    JSON.stringify(before),
    JSON.stringify(after),
  ]);
  if (!saved) return null;
  const { others: json, ...score } = saved;
  const others = typeof json === 'string' ? (JSON.parse(json) as Exclude<typeof json, string>) : json;
  // One Date for all the others' (never shown) time: parsing the same text a hundred times showed in profiles.
  const base = { ...score, updated_at: toDate(score.updated_at) };
  return [
    score,
    ...(others ?? []).map(([id, criterionId, points, applicable, version]) =>
      rollupOnly(base, id, criterionId, points, applicable, version),
    ),
  ];
}

/**
 * Another score of the saved one's sheet, as far as the read-back tells it: what roll-ups read. The
 * rest is never shown (the detail it primes serves roll-ups and the saved item only, see sheetDetail).
 */
const rollupOnly = (
  saved: ScoreRow,
  id: number,
  criterionId: number,
  points: string | null,
  applicable: boolean,
  version: number,
): ScoreRow => ({
  id,
  sheet_id: saved.sheet_id,
  criterion_id: criterionId,
  self_points: points,
  note: null,
  applicable,
  not_applicable_reason: null,
  version,
  updated_at: saved.updated_at,
  updated_by_id: null,
  updated_by_name: null,
});

/**
 * Saves one sub-criterion's self-score: the sheet must be editable by the caller now, the version
 * must be the one the client edited (else CONFLICT with the current value), and the change is
 * audited (old → new). Two round trips: one read to decide on, one statement that writes the score
 * and its audit entry atomically and reads back what the answer's roll-ups need (`writeSelfScore`).
 * Returns the sheet's head as it was saved on, and that read-back (null when saving the values it
 * already has, which writes nothing).
 */
export async function saveSelfScore(
  em: EntityManager,
  actor: Actor,
  input: SaveSelfScoreInput,
): Promise<{ head: SheetHeadRow; scores: ScoreRow[] | null }> {
  const row = await saveTarget(em, actor, input);
  if (row.version !== input.version) throw conflict(row);
  const before = valuesOf(row);
  const after = applyInput(row, input);
  if (JSON.stringify(before) === JSON.stringify(after)) return { head: row, scores: null };
  const scores = await writeSelfScore(em, actor, row, before, after);
  if (scores) return { head: row, scores };
  // Something changed between the read and the write: the same checks on the state now say what.
  const now = await saveTarget(em, actor, input);
  throw conflict(now);
}

/**
 * The unit lead locks the sheet: only before the deadline, while the period is in self-assessment,
 * and when the pre-submit check finds no blocking problem. The SHA-256 of every linked file is
 * recorded on its link, so appraisers judge exactly what was submitted.
 */
export async function submitSelfAssessment(em: EntityManager, actor: Actor, sheetId: number): Promise<void> {
  await em.transactional(async (tx) => {
    const state = await lockSheetState(tx, actor, sheetId, 'update', (state) => {
      authorizeSheetRead(actor, state);
      authorize(actor, 'submit', 'ScoreSheet');
    });
    const reason = lockReason(actor.ability, state);
    if (reason) throw lockError(reason, state);
    authorize(actor, 'submit', 'ScoreSheet', sheetSubject(state));

    const locale = currentLocale();
    const [detail, measured] = await Promise.all([loadSheetDetail(tx, state), measuredPoints(tx, state, locale)]);
    const check = checkSheet(state.id, detail, state.year, locale, measured);
    if (!check.passes) {
      const blocking = check.problems.filter((problem) => problem.severity === ProblemSeverity.BLOCKING);
      throw domainError(
        'CHECK_FAILED',
        {
          vi: `Chưa thể chốt điểm: còn ${check.blockingCount} lỗi cần sửa (xem kết quả kiểm tra).`,
          en: `Cannot submit yet: ${check.blockingCount} blocking problems remain (see the check).`,
        },
        { blockingCount: check.blockingCount, problems: blocking.slice(0, 50).map((p) => ({ criterionId: p.criterionId, code: p.code })) },
      );
    }

    const frozen = await tx.execute<{ link_id: number; criterion_id: number; evidence_id: number; sha256: string }[]>(
      `update evidence_link l set frozen_sha256 = e.file_sha256, frozen_at = now()
         from evidence e, score sc
        where e.id = l.evidence_id and sc.id = l.score_id and sc.sheet_id = ?
        returning l.id as link_id, sc.criterion_id, l.evidence_id, l.frozen_sha256 as sha256`,
      [state.id],
    );
    const sheet = await tx.findOneOrFail(ScoreSheet, state.id);
    sheet.status = ScoreSheetStatus.SUBMITTED;
    sheet.submittedAt = new Date();
    sheet.submittedBy = tx.getReference(User, actor.id);
    recordAudit(tx, actor, {
      subjectType: 'ScoreSheet',
      subjectId: state.id,
      sheetId: state.id,
      action: 'submit',
      before: { status: ScoreSheetStatus.DRAFT },
      after: {
        status: ScoreSheetStatus.SUBMITTED,
        warnings: check.warningCount,
        evidence: frozen.map((row) => ({ criterionId: row.criterion_id, evidenceId: row.evidence_id, sha256: row.sha256 })),
      },
    });
  });
}

/** The secretariat unlocks a submitted sheet, with a reason (audited); the frozen evidence set is released. */
export async function reopenSelfAssessment(em: EntityManager, actor: Actor, sheetId: number, reason: string): Promise<void> {
  authorize(actor, 'reopen', 'ScoreSheet');
  const why = cleanText(reason, 'reason', { max: 2000 });
  if (!why) throw badInput('reason', { vi: 'Cần nêu lý do mở lại.', en: 'Give a reason for reopening.' });
  await em.transactional(async (tx) => {
    const state = await lockSheetState(tx, actor, sheetId, 'update', (state) => authorizeSheetRead(actor, state));
    if (state.status !== ScoreSheetStatus.SUBMITTED) {
      throw domainError('SHEET_NOT_SUBMITTED', { vi: 'Bảng điểm chưa được chốt.', en: 'The score sheet has not been submitted.' });
    }
    authorize(actor, 'reopen', 'ScoreSheet', sheetSubject(state));
    await tx.execute(
      `update evidence_link l set frozen_sha256 = null, frozen_at = null from score sc where sc.id = l.score_id and sc.sheet_id = ?`,
      [state.id],
    );
    const sheet = await tx.findOneOrFail(ScoreSheet, state.id);
    const before = { status: sheet.status, submittedAt: sheet.submittedAt?.toISOString() ?? null };
    sheet.status = ScoreSheetStatus.DRAFT;
    sheet.submittedAt = null;
    sheet.submittedBy = null;
    recordAudit(tx, actor, {
      subjectType: 'ScoreSheet',
      subjectId: state.id,
      sheetId: state.id,
      action: 'reopen',
      before,
      after: { status: ScoreSheetStatus.DRAFT },
      reason: why,
    });
  });
}
