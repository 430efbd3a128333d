import type { EntityManager } from '@mikro-orm/postgresql';
import { CriterionKind } from '../criteria/index.ts';
import { appraisalJoin } from './appraisal.read.ts';
import { effectiveCaps, finalOf, sumOf, type Caps, type PointsLine } from './totals.ts';

interface CapLine extends PointsLine { scoreId: number }

export interface SheetCapTotals {
  sheetId: number;
  unitCode: string;
  lines: CapLine[];
  caps: Caps;
  /** Hundredths, by the final rule. */
  bonus: number;
  deduction: number;
}

type CycleCaps = { bonusCap?: string | null; deductionCap?: string | null };

/** Bonus and deduction lines of the sheets matching `where`, with totals and caps: one statement. */
async function capTotals(em: EntityManager, where: string, params: unknown[], cycle: CycleCaps): Promise<SheetCapTotals[]> {
  const rows = await em.execute<{
    sheet_id: number; unit_code: string; score_id: number; kind: CriterionKind; max_points: string; applicable: boolean;
    self_points: string | null; a1_points: string | null; a2_points: string | null;
  }[]>(
    `select s.sheet_id, u.code as unit_code, s.id as score_id, c.kind, c.max_points, s.applicable, s.self_points,
            a1.points as a1_points, a2.points as a2_points
       from score s
       join score_sheet sh on sh.id = s.sheet_id
       join unit u on u.id = sh.unit_id
       join criterion c on c.id = s.criterion_id and c.kind in ('BONUS', 'DEDUCTION')
       ${appraisalJoin('a1', 1)}
       ${appraisalJoin('a2', 2)}
      where ${where}
      order by u.code, s.id`,
    params,
  );
  const sheets = new Map<number, SheetCapTotals>();
  for (const row of rows) {
    let sheet = sheets.get(row.sheet_id);
    if (!sheet) sheets.set(row.sheet_id, sheet = { sheetId: row.sheet_id, unitCode: row.unit_code, lines: [], caps: { bonus: 0, deduction: 0 }, bonus: 0, deduction: 0 });
    sheet.lines.push({
      scoreId: row.score_id, kind: row.kind, applicable: row.applicable, maxPoints: row.max_points,
      selfPoints: row.self_points, round1: row.a1_points, round2: row.a2_points,
    });
  }
  const configured = { bonusCap: cycle.bonusCap ?? null, deductionCap: cycle.deductionCap ?? null };
  for (const sheet of sheets.values()) {
    sheet.caps = effectiveCaps(sheet.lines, configured);
    sheet.bonus = sumOf(sheet.lines, CriterionKind.BONUS, finalOf);
    sheet.deduction = sumOf(sheet.lines, CriterionKind.DEDUCTION, finalOf);
  }
  return [...sheets.values()];
}

export const capTotalsOfPeriod = (em: EntityManager, periodId: number, cycle: CycleCaps) =>
  capTotals(em, 'sh.id in (select sheet_id from sheet_review where period_id = ?)', [periodId], cycle);

export async function capTotalsOfSheet(em: EntityManager, sheetId: number, cycle: CycleCaps): Promise<SheetCapTotals | null> {
  return (await capTotals(em, 's.sheet_id = ?', [sheetId], cycle))[0] ?? null;
}

/** The sheet's total of `kind` if `scoreId` got `points` in `round` (hundredths). */
export function totalWith(sheet: SheetCapTotals, kind: CriterionKind, scoreId: number, round: number, points: string): number {
  const lines = sheet.lines.map((line) =>
    line.scoreId !== scoreId ? line : round === 1 ? { ...line, round1: points } : { ...line, round2: points });
  return sumOf(lines, kind, finalOf);
}
