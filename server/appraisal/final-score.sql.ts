/**
 * The final score of a sub-criterion and the bonus/deduction caps — the one definition, in SQL
 * (docs/domain.md: the final score, bonus and deduction). Results, the analysts' queries and the
 * appraisal's own totals and cap checks all compute with these fragments; TypeScript only reads
 * what the statements return.
 */

/** The expressions a final score is taken from: each appraisal round's points and the self-score. */
export interface ScoreSources {
  round2: string;
  round1: string;
  self: string;
}

/** The final appraisal: round 2 if present, else round 1 (null while unappraised). */
export const finalAppraisalSql = ({ round2, round1 }: Omit<ScoreSources, 'self'>) => `coalesce(${round2}, ${round1})`;

/** The final score: the final appraisal, else the self-score. */
export const finalPointsSql = ({ round2, round1, self }: ScoreSources) => `coalesce(${round2}, ${round1}, ${self})`;

/** The sources of `score`'s final score when its appraisals are joined as `a1` and `a2` (see `appraisalRoundsJoin`). */
export const joinedSources = (score: string, a1 = 'a1', a2 = 'a2'): ScoreSources => ({
  round2: `${a2}.points`,
  round1: `${a1}.points`,
  self: `${score}.self_points`,
});

/** Joins each appraisal round of the `score` row as `a1` and `a2`. */
export const appraisalRoundsJoin = (score: string, a1 = 'a1', a2 = 'a2') =>
  `left join appraisal ${a1} on ${a1}.score_id = ${score}.id and ${a1}.round = 1
   left join appraisal ${a2} on ${a2}.score_id = ${score}.id and ${a2}.round = 2`;

/**
 * A cap: the one the secretariat configured for the period (`appraisal_cycle.bonus_cap` /
 * `deduction_cap`), else the maximum of the set's section, the sum of its leaves' maxima.
 */
export const capSql = (configured: string, sectionMax: string) => `coalesce(${configured}, ${sectionMax})`;
