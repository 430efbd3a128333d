import type { EntityManager } from '@mikro-orm/postgresql';
import { toHundredths } from '../shared/decimal.ts';
import { appraisalRoundsJoin, capSql, finalPointsSql, joinedSources } from './final-score.sql.ts';

/** A sheet's bonus and deduction by the final rule, and the caps that apply to it (hundredths). */
export interface CapTotals {
  sheetId: number;
  unitCode: string;
  bonus: number;
  deduction: number;
  bonusCap: number;
  deductionCap: number;
  /** The totals if the proposed appraisal were saved (the same as now without one). */
  proposed: { bonus: number; deduction: number };
}

/** An appraisal about to be saved: `points` for `scoreId` in `round`. */
export interface ProposedAppraisal {
  scoreId: number;
  round: 1 | 2;
  points: string;
}

interface CapRow {
  sheet_id: number;
  unit_code: string;
  bonus: string;
  deduction: string;
  bonus_cap: string;
  deduction_cap: string;
  proposed_bonus: string;
  proposed_deduction: string;
}

const hundredths = (value: string) => toHundredths(String(value), 'points');

/** The bonus/deduction totals and caps of the sheets matching `where`, by unit code: one statement. */
async function capTotals(em: EntityManager, where: string, params: unknown[], proposal?: ProposedAppraisal): Promise<CapTotals[]> {
  // The proposal replaces the points of one round of one score; the rule stays final-score.sql.ts's.
  const round = (number: 1 | 2, alias: string) =>
    proposal?.round === number ? `case when s.id = ? then ?::numeric else ${alias}.points end` : `${alias}.points`;
  const proposed = finalPointsSql({ round2: round(2, 'a2'), round1: round(1, 'a1'), self: 's.self_points' });
  const proposalParams = proposal ? [proposal.scoreId, proposal.points] : [];
  const sum = (column: string, kind: string) => `coalesce(sum(v.${column}) filter (where c.kind = '${kind}' and s.applicable), 0)`;
  const sectionMax = (kind: string) => `coalesce(sum(c.max_points) filter (where c.kind = '${kind}'), 0)`;
  const rows = await em.execute<CapRow[]>(
    `select s.sheet_id, u.code as unit_code,
            ${sum('final', 'BONUS')} as bonus, ${sum('final', 'DEDUCTION')} as deduction,
            ${sum('proposed', 'BONUS')} as proposed_bonus, ${sum('proposed', 'DEDUCTION')} as proposed_deduction,
            ${capSql('max(ac.bonus_cap)', sectionMax('BONUS'))} as bonus_cap,
            ${capSql('max(ac.deduction_cap)', sectionMax('DEDUCTION'))} as deduction_cap
       from score s
       join score_sheet sh on sh.id = s.sheet_id
       join unit u on u.id = sh.unit_id
       join criterion c on c.id = s.criterion_id and c.kind in ('BONUS', 'DEDUCTION')
       ${appraisalRoundsJoin('s')}
       left join appraisal_cycle ac on ac.period_id = sh.period_id
       cross join lateral (select ${finalPointsSql(joinedSources('s'))} as final, ${proposed} as proposed) v
      where ${where}
      group by s.sheet_id, u.code
      order by u.code, s.sheet_id`,
    [...proposalParams, ...params],
  );
  return rows.map((row) => ({
    sheetId: row.sheet_id,
    unitCode: row.unit_code,
    bonus: hundredths(row.bonus),
    deduction: hundredths(row.deduction),
    bonusCap: hundredths(row.bonus_cap),
    deductionCap: hundredths(row.deduction_cap),
    proposed: { bonus: hundredths(row.proposed_bonus), deduction: hundredths(row.proposed_deduction) },
  }));
}

/** Every sheet under review in the period (finalisation refuses sheets over a cap). */
export const capTotalsOfPeriod = (em: EntityManager, periodId: number) =>
  capTotals(em, 'sh.id in (select sheet_id from sheet_review where period_id = ?)', [periodId]);

/** One sheet now and with `proposal` saved; null when it has no bonus or deduction items. */
export async function capTotalsOfSheet(em: EntityManager, sheetId: number, proposal: ProposedAppraisal): Promise<CapTotals | null> {
  return (await capTotals(em, 's.sheet_id = ?', [sheetId], proposal))[0] ?? null;
}
