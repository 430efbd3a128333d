import { actorFrom } from '../auth/index.ts';
import { CriterionKind, type CriteriaTree, type CriterionView } from '../criteria/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { toDate } from '../shared/sql.ts';
import type { LinkedDocument, ProgressView, SelfScoreView, SheetNodeView, TotalsView } from './scoring.types.ts';

export interface ScoreRow {
  id: number;
  sheet_id: number;
  criterion_id: number;
  self_points: string | null;
  note: string | null;
  applicable: boolean;
  not_applicable_reason: string | null;
  version: number;
  updated_at: Date;
  updated_by_id: number | null;
  updated_by_name: string | null;
  /** The documents linked to the score, in linking order (what the pre-submit check looks at). */
  documents: LinkedDocument[];
}

/** A sheet's tree with its scores and roll-ups, assembled in memory from two row sets. */
export interface SheetDetail {
  /** Depth-first. */
  nodes: SheetNodeView[];
  roots: SheetNodeView[];
  byCriterion: Map<number, SheetNodeView>;
  progress: ProgressView;
  totals: TotalsView;
}

/** Hundredths: exact sums, converted to decimals once at the end. */
interface Tally {
  achieved: number;
  applicableMax: number;
  scored: number;
  total: number;
  bonus: number;
  bonusMax: number;
  deduction: number;
  survey: number;
}

const emptyTally = (): Tally => ({ achieved: 0, applicableMax: 0, scored: 0, total: 0, bonus: 0, bonusMax: 0, deduction: 0, survey: 0 });

const points = (text: string) => toHundredths(text, 'points');

/** A leaf's contribution (see the field descriptions of SheetNode and SheetTotals). */
function leafTally(criterion: CriterionView, score: SelfScoreView | null): Tally {
  const tally = emptyTally();
  const max = points(criterion.maxPoints);
  const applicable = score?.applicable ?? true;
  const value = applicable && score?.points != null ? points(score.points) : 0;
  switch (criterion.kind) {
    case CriterionKind.SELF_SCORED:
      tally.total = 1;
      tally.scored = score && (score.points !== null || !score.applicable) ? 1 : 0;
      tally.achieved = value;
      tally.applicableMax = applicable ? max : 0;
      break;
    case CriterionKind.BONUS:
      tally.achieved = value;
      tally.applicableMax = applicable ? max : 0;
      tally.bonus = value;
      tally.bonusMax = tally.applicableMax;
      break;
    case CriterionKind.DEDUCTION:
      tally.achieved = -value;
      tally.deduction = value;
      break;
    case CriterionKind.SURVEY:
      tally.survey = max;
      break;
  }
  return tally;
}

function add(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

/** achieved ÷ max × 100 with two decimals, rounded half up; null without a maximum. */
export function percentOf(achieved: number, max: number): string | null {
  if (max <= 0) return null;
  return fromHundredths(Math.round((achieved * 10_000) / max));
}

function toScore(row: ScoreRow): SelfScoreView {
  return {
    id: row.id,
    sheetId: row.sheet_id,
    criterionId: row.criterion_id,
    points: row.self_points,
    note: row.note,
    applicable: row.applicable,
    notApplicableReason: row.not_applicable_reason,
    version: row.version,
    updatedAt: toDate(row.updated_at),
    updatedBy: actorFrom(row.updated_by_id, row.updated_by_name),
    documents: row.documents,
  };
}

export function assembleSheet(tree: CriteriaTree, scoreRows: ScoreRow[]): SheetDetail {
  const scores = new Map(scoreRows.map((row) => [row.criterion_id, toScore(row)]));
  const byCriterion = new Map<number, SheetNodeView>();
  const nodes: SheetNodeView[] = [];

  const build = (criterion: CriterionView): { node: SheetNodeView; tally: Tally } => {
    const node = { criterion, children: [] } as unknown as SheetNodeView;
    nodes.push(node);
    byCriterion.set(criterion.id, node);
    let tally: Tally;
    if (criterion.isLeaf) {
      node.score = scores.get(criterion.id) ?? null;
      tally = leafTally(criterion, node.score);
    } else {
      node.score = null;
      tally = emptyTally();
      for (const child of criterion.children) {
        const built = build(child);
        node.children.push(built.node);
        add(tally, built.tally);
      }
    }
    node.achieved = fromHundredths(tally.achieved);
    node.applicableMax = fromHundredths(tally.applicableMax);
    node.percent = percentOf(tally.achieved, tally.applicableMax);
    node.progress = { scored: tally.scored, total: tally.total };
    return { node, tally };
  };

  const sheet = emptyTally();
  const roots = tree.roots.map((root) => {
    const built = build(root);
    add(sheet, built.tally);
    return built.node;
  });
  // Bonus and deduction are outside the 100 points: take them back out of the self-scored figures.
  const achieved = sheet.achieved - sheet.bonus + sheet.deduction;
  const applicableMax = sheet.applicableMax - sheet.bonusMax;
  return {
    nodes,
    roots,
    byCriterion,
    progress: { scored: sheet.scored, total: sheet.total },
    totals: {
      achieved: fromHundredths(achieved),
      applicableMax: fromHundredths(applicableMax),
      percent: percentOf(achieved, applicableMax),
      bonus: fromHundredths(sheet.bonus),
      deduction: fromHundredths(sheet.deduction),
      total: fromHundredths(achieved + sheet.bonus - sheet.deduction),
      surveyMax: fromHundredths(sheet.survey),
    },
  };
}
