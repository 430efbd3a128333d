import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { missingRow, perRequest, requestLoader, requireUser, withPermission, type AppAbility, type AppContext } from '../access/index.ts';
import { actorFrom } from '../auth/index.ts';
import { criteriaTreeLoader, loadCriteriaTrees, type CriteriaTree, type CriterionKind, type ScoringBand } from '../criteria/index.ts';
import type { PeriodStatus } from '../periods/index.ts';
import { intArray, preparedQuery, toDate } from '../shared/sql.ts';
import type { UnitBlock } from '../units/index.ts';
import { checkSheet } from './check.logic.ts';
import { measuredPoints } from './measured.ts';
import { ScoreSheet, ScoreSheetStatus } from './scoring.entity.ts';
import type { LinkedDocument, ProgressView, ScoreSheetSummaryView, ScoreSheetView, SelfAssessmentCheckView } from './scoring.types.ts';
import { authorizeSheetRead, EFFECTIVE_DEADLINE, lockReason, SHEET, SheetLockReason, type SheetState } from './sheet-state.ts';
import { assembleSheet, type ScoreRow, type SheetDetail } from './sheet.logic.ts';

/** A sheet with its period and unit, or (sheet_id null) the period and unit of a sheet not created yet. */
export interface SheetHeadRow {
  period_id: number;
  year: number;
  period_name: string;
  period_status: PeriodStatus;
  /** This sheet's deadline: the period's, or the unit's extension when later. */
  self_scoring_closes_at: Date;
  /** The period's own deadline. */
  period_closes_at: Date;
  extension_reason: string | null;
  explanation_closes_at: Date | null;
  period_created_at: Date;
  period_version: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_block: UnitBlock;
  unit_active: boolean;
  criteria_set_id: number | null;
  sheet_id: number | null;
  status: ScoreSheetStatus | null;
  submitted_at: Date | null;
  submitted_by_id: number | null;
  submitted_by_name: string | null;
}

/** The columns of `SheetHeadRow` over `score_sheet s`, `period p`, `unit u` and `app_user sb` (who submitted). */
export const HEAD_COLUMNS = `p.id as period_id, p.year, p.name as period_name, p.status as period_status,
  ${EFFECTIVE_DEADLINE} as self_scoring_closes_at, p.self_scoring_closes_at as period_closes_at, s.extension_reason,
  p.explanation_closes_at, p.created_at as period_created_at, p.version as period_version,
  u.id as unit_id, u.code as unit_code, u.name as unit_name, u.block as unit_block, u.active as unit_active,
  s.id as sheet_id, s.status, s.submitted_at, s.submitted_by_id, sb.display_name as submitted_by_name`;

/** The unit's sheet of the period, and the set it is (or would be) scored against: one statement. */
export async function findSheetHead(em: EntityManager, periodId: number, unitId: number): Promise<SheetHeadRow | null> {
  const [row] = await em.execute<SheetHeadRow[]>(
    `select ${HEAD_COLUMNS},
            coalesce(s.criteria_set_id, (select cs.id from period_criteria_sets pcs join criteria_set cs on cs.id = pcs.criteria_set_id
                                          where pcs.period_id = p.id and cs.block = u.block order by cs.id limit 1)) as criteria_set_id
       from period p
       join unit u on u.id = ?
       left join score_sheet s on s.period_id = p.id and s.unit_id = u.id
       left join app_user sb on sb.id = s.submitted_by_id
      where p.id = ?`,
    [unitId, periodId],
  );
  return row ?? null;
}

export async function sheetHeadById(em: EntityManager, sheetId: number): Promise<SheetHeadRow | null> {
  const [row] = await em.execute<SheetHeadRow[]>(
    `select ${HEAD_COLUMNS}, s.criteria_set_id
       from score_sheet s
       join period p on p.id = s.period_id
       join unit u on u.id = s.unit_id
       left join app_user sb on sb.id = s.submitted_by_id
      where s.id = ?`,
    [sheetId],
  );
  return row ?? null;
}

/** A sheet's head with one of its scores and that score's criterion, as a save decides on them. */
export interface SaveTargetRow extends SheetHeadRow {
  /** Null when the criterion is not a sub-criterion of the sheet. */
  score_id: number | null;
  self_points: string | null;
  note: string | null;
  applicable: boolean;
  not_applicable_reason: string | null;
  version: number;
  updated_at: Date | string;
  criterion_code: string;
  criterion_kind: CriterionKind;
  max_points: string;
  bands: ScoringBand[];
}

/** The sheet, its period and unit, and its score for a criterion (parameters: criterion, sheet); the write benchmark runs it too. */
export const SAVE_TARGET_SQL = `select ${HEAD_COLUMNS}, s.criteria_set_id,
            sc.id as score_id, sc.self_points, sc.note, sc.applicable, sc.not_applicable_reason, sc.version, sc.updated_at,
            c.code as criterion_code, c.kind as criterion_kind, c.max_points, c.bands
       from score_sheet s
       join period p on p.id = s.period_id
       join unit u on u.id = s.unit_id
       left join app_user sb on sb.id = s.submitted_by_id
       left join score sc on sc.sheet_id = s.id and sc.criterion_id = ?
       left join criterion c on c.id = sc.criterion_id
      where s.id = ?`;

/** The sheet (null: no such sheet), its period and unit, and its score for `criterionId`: one statement. */
export async function findSaveTarget(em: EntityManager, sheetId: number, criterionId: number): Promise<SaveTargetRow | null> {
  const [row] = await preparedQuery<SaveTargetRow>(em, 'save-target', SAVE_TARGET_SQL, [criterionId, sheetId]);
  return row ?? null;
}

export function stateOf(row: SheetHeadRow): SheetState {
  return { ...viewStateOf(row), id: row.sheet_id! };
}

/** The state of a sheet as read, also of one not created yet (`id` null: a draft without scores). */
function viewStateOf(row: SheetHeadRow): ScoreSheetView['state'] {
  return {
    id: row.sheet_id,
    unitId: row.unit_id,
    periodId: row.period_id,
    criteriaSetId: row.criteria_set_id!,
    status: row.status ?? ScoreSheetStatus.DRAFT,
    periodStatus: row.period_status,
    year: row.year,
    selfScoringClosesAt: toDate(row.self_scoring_closes_at),
  };
}

/** The read model of a sheet as the caller sees it (editable or why not); one not created yet has no id and no scores. */
export function toSheetView(row: SheetHeadRow, ability: AppAbility): ScoreSheetView {
  const state = viewStateOf(row);
  const reason = state.id === null ? SheetLockReason.READ_ONLY : lockReason(ability, { ...state, id: state.id });
  return {
    id: state.id,
    periodId: row.period_id,
    unitId: row.unit_id,
    criteriaSetId: state.criteriaSetId,
    status: state.status,
    submittedAt: toDate(row.submitted_at),
    submittedBy: actorFrom(row.submitted_by_id, row.submitted_by_name),
    period: {
      id: row.period_id,
      year: row.year,
      name: row.period_name,
      status: row.period_status,
      selfScoringClosesAt: toDate(row.period_closes_at),
      explanationClosesAt: toDate(row.explanation_closes_at),
      createdAt: toDate(row.period_created_at),
      version: row.period_version,
    },
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name, block: row.unit_block, active: row.unit_active },
    deadline: state.selfScoringClosesAt,
    extensionReason: row.extension_reason,
    editable: reason === null,
    lockReason: reason,
    state,
  };
}

/** A sheet by id as the caller sees it: FORBIDDEN for another unit's sheet (and, for such callers, a missing one). */
export async function readableSheet(ctx: AppContext, sheetId: number): Promise<ScoreSheetView> {
  const head = await sheetHeadById(ctx.em, sheetId);
  if (!head) throw missingRow(requireUser(ctx), 'read', 'ScoreSheet', SHEET, sheetId);
  authorizeSheetRead(requireUser(ctx), stateOf(head));
  return toSheetView(head, ctx.ability);
}

/** The columns of `ScoreRow` but its documents, over `score sc` left-joined to `app_user ub` (who saved it last). */
export const SCORE_COLUMNS = `sc.id, sc.sheet_id, sc.criterion_id, sc.self_points, sc.note, sc.applicable, sc.not_applicable_reason,
            sc.version, sc.updated_at, sc.updated_by_id, ub.display_name as updated_by_name`;

/** A sheet's scores with the documents linked to each (for the pre-submit check): one statement. */
async function loadScores(em: EntityManager, sheetId: number | null): Promise<ScoreRow[]> {
  if (sheetId === null) return [];
  const rows = await em.execute<(Omit<ScoreRow, 'documents'> & { documents: string | LinkedDocument[] })[]>(
    `select ${SCORE_COLUMNS},
            coalesce((select json_agg(json_build_object('id', e.id, 'issueDate', to_char(e.issue_date, 'YYYY-MM-DD'),
                                                        'documentNumber', e.document_number,
                                                        'label', coalesce(e.document_number, e.file_name),
                                                        'readStatus', r.status, 'readNumber', r.document_number,
                                                        'readDate', to_char(r.issue_date, 'YYYY-MM-DD'),
                                                        'signatureStatus', r.signature_status) order by e.id, l.id)
                        from evidence_link l join evidence e on e.id = l.evidence_id
                        left join document_reading r on r.file_sha256 = e.file_sha256
                       where l.score_id = sc.id), '[]') as documents
       from score sc left join app_user ub on ub.id = sc.updated_by_id
      where sc.sheet_id = ?`,
    [sheetId],
  );
  return rows.map((row) => ({ ...row, documents: typeof row.documents === 'string' ? JSON.parse(row.documents) : row.documents }));
}

/**
 * The tree, scores and roll-ups of a sheet: two statements (criteria, scores) whatever the number
 * of rows. `tree` may come from the per-request criteria loader. The documents themselves are the
 * evidence module's (`ScoreSheet.evidence`, `SelfScore.links`).
 */
export async function loadSheetDetail(
  em: EntityManager,
  state: { id: number | null; criteriaSetId: number },
  tree?: Promise<CriteriaTree>,
): Promise<SheetDetail> {
  const [criteria, scores] = await Promise.all([
    tree ?? loadCriteriaTrees(em, [state.criteriaSetId]).then((trees) => trees.get(state.criteriaSetId)!),
    loadScores(em, state.id),
  ]);
  return assembleSheet(criteria, scores, { withDocuments: true });
}

/**
 * What a field of a sheet shows: only roll-ups (progress, totals), every node with its score (and,
 * with the full detail, each score's documents for the pre-submit check), or one node with its
 * score (a criterion id: `node`, `branch`).
 */
export type SheetDetailNeed = 'rollups' | 'scores' | number;

interface SheetDetailEntry {
  /** Set for a save's read-back: roll-ups, and the score of this criterion only. Unset: every score with its documents. */
  scoreOf?: number;
  load: () => Promise<SheetDetail>;
  assembled?: Promise<SheetDetail>;
}

const sheetDetails = (ctx: AppContext) => perRequest(ctx, sheetDetails, () => new Map<string, SheetDetailEntry>());

const assembled = (entry: SheetDetailEntry) => (entry.assembled ??= entry.load());

/**
 * The detail of a sheet, loaded once per request however many fields ask for it (assembled on first
 * use: a save whose answer asks for no roll-up reads no criteria). A save's read-back
 * (`primeSheetDetail`) serves what it holds; a field that needs more loads the full detail.
 */
export async function sheetDetail(ctx: AppContext, sheet: ScoreSheetView, need: SheetDetailNeed = 'scores'): Promise<SheetDetail> {
  const cache = sheetDetails(ctx);
  const key = `${sheet.periodId}/${sheet.unitId}`;
  const entry = cache.get(key);
  if (entry && (entry.scoreOf === undefined || need === 'rollups' || need === entry.scoreOf)) return assembled(entry);
  if (entry && typeof need === 'number') {
    // A node above the saved one shows roll-ups only (no score).
    const readBack = await assembled(entry);
    if (readBack.byCriterion.get(need)?.criterion.isLeaf === false) return readBack;
    const now = cache.get(key)!;
    if (now.scoreOf === undefined) return assembled(now);
  }
  const tree = criteriaTreeLoader(ctx).load(sheet.criteriaSetId);
  const full: SheetDetailEntry = { load: () => loadSheetDetail(ctx.em, sheet.state, tree) };
  cache.set(key, full);
  return assembled(full);
}

/**
 * What a save read back with its write (the saved score in full, the others' points and
 * applicability: what roll-ups read) serves the fields the save's answer asks for (`branch` and
 * `node` of the saved criterion, `progress`, `totals`), with no statement more.
 */
export function primeSheetDetail(ctx: AppContext, sheet: ScoreSheetView, savedCriterionId: number, scores: ScoreRow[]): void {
  const load = async () => assembleSheet(await criteriaTreeLoader(ctx).load(sheet.criteriaSetId), scores, { withDocuments: false });
  sheetDetails(ctx).set(`${sheet.periodId}/${sheet.unitId}`, { scoreOf: savedCriterionId, load });
}

/** The sheets of a period the caller may read, by unit code. */
export async function readableSheetSummaries(ctx: AppContext, periodId: number): Promise<ScoreSheetSummaryView[]> {
  const where = withPermission<ScoreSheet>(requireUser(ctx).ability, 'read', 'ScoreSheet', { period: periodId });
  return where ? querySheetSummaries(ctx.em, where) : [];
}

/** Sheets matching `where` (already narrowed by the caller's permissions), by unit code. */
async function querySheetSummaries(em: EntityManager, where: ObjectQuery<ScoreSheet>): Promise<ScoreSheetSummaryView[]> {
  // Unmapped rows, and the unit's column raw: with the join, `s.unit` would be rewritten to the joined unit's key.
  const rows = await em
    .createQueryBuilder(ScoreSheet, 's')
    .select(['s.id', 's.period', raw('s.unit_id as unit_id'), 's.status', 's.submittedAt'])
    .join('s.unit', 'u')
    .where(where)
    .orderBy({ 'u.code': 'asc' })
    .execute<{ id: number; period_id: number; unit_id: number; status: ScoreSheetStatus; submitted_at: string | null }[]>('all', false);
  return rows.map((row) => ({
    id: row.id,
    periodId: row.period_id,
    unitId: row.unit_id,
    status: row.status,
    submittedAt: toDate(row.submitted_at),
  }));
}

/** Progress of many sheets in one GROUP BY, batched per request. */
export function sheetProgressLoader(ctx: AppContext): DataLoader<number, ProgressView> {
  return requestLoader<ProgressView>(ctx, sheetProgressLoader, async (ids) => {
    const rows = await ctx.em.execute<{ sheet_id: number; scored: number; total: number }[]>(
      `select sc.sheet_id,
            count(*) filter (where c.kind = 'SELF_SCORED')::int as total,
            count(*) filter (where c.kind = 'SELF_SCORED' and (sc.self_points is not null or not sc.applicable))::int as scored
       from score sc join criterion c on c.id = sc.criterion_id
      where sc.sheet_id = any(?::int[])
      group by sc.sheet_id`,
      [intArray(ids)],
    );
    const byId = new Map(rows.map((row) => [row.sheet_id, { scored: row.scored, total: row.total }]));
    return ids.map((id) => byId.get(id) ?? { scored: 0, total: 0 });
  });
}

/**
 * The pre-submit check of a sheet the caller has read. `measured`: also compare the self-scores with the points
 * other systems measured (measured.ts), which reads their facts in statements of their own.
 */
export async function sheetCheck(ctx: AppContext, sheet: ScoreSheetView, { measured = false } = {}): Promise<SelfAssessmentCheckView> {
  const [detail, figures] = await Promise.all([
    sheetDetail(ctx, sheet),
    measured ? measuredPoints(ctx.em, { ...sheet, year: sheet.period.year }, ctx.locale) : undefined,
  ]);
  return checkSheet(sheet.id, detail, sheet.period.year, ctx.locale, figures);
}
