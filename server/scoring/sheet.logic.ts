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
  /** The documents linked to the score, in linking order (what the pre-submit check looks at); absent from a save's read-back. */
  documents?: LinkedDocument[];
}

/** A sheet's tree with its scores and roll-ups, assembled in memory from two row sets. */
export interface SheetDetail {
  /** Depth-first. */
  nodes: SheetNodeView[];
  roots: SheetNodeView[];
  byCriterion: Map<number, SheetNodeView>;
  progress: ProgressView;
  totals: TotalsView;
  /** Whether each score carries its linked documents (the pre-submit check needs them). */
  withDocuments: boolean;
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

/** Criteria of published sets are kept for the life of the process (criteria.read.ts): their maxima are parsed once. */
const maxima = new WeakMap<CriterionView, number>();
function maxOf(criterion: CriterionView): number {
  let max = maxima.get(criterion);
  if (max === undefined) {
    max = points(criterion.maxPoints);
    maxima.set(criterion, max);
  }
  return max;
}

/** A leaf's contribution (see the field descriptions of SheetNode and SheetTotals). */
function leafTally(criterion: CriterionView, score: SelfScoreView | null): Tally {
  const tally = emptyTally();
  const max = maxOf(criterion);
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
  into.achieved += from.achieved;
  into.applicableMax += from.applicableMax;
  into.scored += from.scored;
  into.total += from.total;
  into.bonus += from.bonus;
  into.bonusMax += from.bonusMax;
  into.deduction += from.deduction;
  into.survey += from.survey;
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
    documents: row.documents ?? [],
  };
}

/**
 * A node of an assembled sheet. Its roll-ups stay in hundredths until a field reads them: a save's
 * answer shows three nodes of 150, a sheet all of them, and both assemble the whole tree.
 */
class SheetNode implements SheetNodeView {
  readonly children: SheetNode[] = [];

  constructor(
    readonly criterion: CriterionView,
    readonly score: SelfScoreView | null,
    /** Of the leaves below, summed while the tree is built. */
    readonly tally: Tally,
  ) {}

  get progress(): ProgressView {
    return { scored: this.tally.scored, total: this.tally.total };
  }

  get achieved(): string {
    return fromHundredths(this.tally.achieved);
  }

  get applicableMax(): string {
    return fromHundredths(this.tally.applicableMax);
  }

  get percent(): string | null {
    return percentOf(this.tally.achieved, this.tally.applicableMax);
  }
}

export function assembleSheet(tree: CriteriaTree, scoreRows: ScoreRow[], { withDocuments }: { withDocuments: boolean }): SheetDetail {
  const scores = new Map(scoreRows.map((row) => [row.criterion_id, toScore(row)]));
  const byCriterion = new Map<number, SheetNodeView>();
  const nodes: SheetNodeView[] = [];

  const build = (criterion: CriterionView): SheetNode => {
    const score = criterion.isLeaf ? (scores.get(criterion.id) ?? null) : null;
    const node = new SheetNode(criterion, score, criterion.isLeaf ? leafTally(criterion, score) : emptyTally());
    nodes.push(node);
    byCriterion.set(criterion.id, node);
    for (const child of criterion.children) {
      const built = build(child);
      node.children.push(built);
      add(node.tally, built.tally);
    }
    return node;
  };

  const sheet = emptyTally();
  const roots = tree.roots.map((root) => {
    const built = build(root);
    add(sheet, built.tally);
    return built;
  });
  // Bonus and deduction are outside the 100 points: take them back out of the self-scored figures.
  const achieved = sheet.achieved - sheet.bonus + sheet.deduction;
  const applicableMax = sheet.applicableMax - sheet.bonusMax;
  return {
    nodes,
    roots,
    byCriterion,
    withDocuments,
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
