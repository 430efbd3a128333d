import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, Role, withPermission, type Actor } from '../access/index.ts';
import { AppraisalAssignment } from '../appraisal/index.ts';
import { acceptedComments } from '../consultation/index.ts';
import { CriteriaSet, CriteriaSetStatus } from '../criteria/index.ts';
import { assertDeadlines, Period, type PeriodView } from '../periods/index.ts';
import { domainError, forbidden } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import { cleanText } from '../shared/text.ts';
import { Unit, type UnitBlock } from '../units/index.ts';
import {
  aYearLater,
  assignmentSkipReason,
  changesToMake,
  nextYearText,
  planChanges,
  totalMaxPoints,
  type PlannedChange,
  type SourceAssignment,
  type SourceCriterion,
} from './rollover.logic.ts';
import type { RolloverAssignmentView, RolloverInput, RolloverPlanView, RolloverSetView } from './rollover.types.ts';

/** A plan as the service carries it: the changes keep the bands a MAX_POINTS change brings. */
export interface RolloverPlan extends RolloverPlanView {
  changes: PlannedChange[];
}

/** The newest period of `year` the actor may roll over (the rule is the SQL filter), else why there is none. */
async function sourcePeriod(em: EntityManager, actor: Actor, year: number): Promise<Period> {
  const where = withPermission<Period>(actor.ability, 'rollOver', 'Period', { year });
  if (!where) throw forbidden();
  const [period] = await em.find(Period, where, { orderBy: { id: 'desc' }, limit: 1 });
  if (!period) {
    throw domainError(
      'NO_PERIOD_TO_ROLL_OVER',
      {
        vi: `Năm ${year} chưa có kỳ đánh giá nào để chuyển sang năm sau.`,
        en: `There is no period of ${year} to start the next year from.`,
      },
      { field: 'fromYear' },
    );
  }
  return period;
}

/** Refuses when the next year has a period already (a second rollover, or one made by hand). */
async function assertYearNotStarted(em: EntityManager, year: number): Promise<void> {
  const [existing] = await em.find(Period, { year }, { orderBy: { id: 'asc' }, limit: 1 });
  if (existing) {
    throw domainError(
      'YEAR_ALREADY_STARTED',
      {
        vi: `Năm ${year} đã có kỳ đánh giá “${existing.name}”; không chuyển năm lần nữa.`,
        en: `${year} already has the period “${existing.name}”; the year cannot be started again.`,
      },
      { periodId: existing.id },
    );
  }
}

/** The published sets of the year, one per block, with their criteria. */
async function publishedSets(em: EntityManager, year: number): Promise<{ sets: CriteriaSet[]; criteria: Map<number, SourceCriterion[]> }> {
  const sets = await em.find(CriteriaSet, { year, status: CriteriaSetStatus.PUBLISHED }, { orderBy: { block: 'asc' } });
  if (sets.length === 0) {
    throw domainError(
      'NO_PUBLISHED_SETS',
      { vi: `Năm ${year} chưa có bộ tiêu chí nào được ban hành để sao chép.`, en: `No criteria set of ${year} is published to copy.` },
      { field: 'fromYear' },
    );
  }
  const rows = await em.getConnection().execute<(SourceCriterion & { setId: number })[]>(
    `select c.criteria_set_id as "setId", c.code, c.max_points::text as "maxPoints", c.parent_id is null as "isTop",
            not exists (select 1 from criterion ch where ch.parent_id = c.id) as "isLeaf"
       from criterion c where c.criteria_set_id = any(?::int[]) order by c.criteria_set_id, c.id`,
    [intArray(sets.map((set) => set.id))],
  );
  const criteria = new Map(sets.map((set) => [set.id, [] as SourceCriterion[]]));
  for (const { setId, ...criterion } of rows) criteria.get(setId)!.push(criterion);
  return { sets, criteria };
}

async function nextVersions(em: EntityManager, year: number): Promise<Map<UnitBlock, number>> {
  const rows = await em
    .getConnection()
    .execute<{ block: UnitBlock; version: number }[]>(
      'select block, max(version) as version from criteria_set where year = ? group by block',
      [year],
    );
  return new Map(rows.map((row) => [row.block, row.version + 1]));
}

async function sourceAssignments(em: EntityManager, period: Period): Promise<SourceAssignment[]> {
  const rows = await em.find(AppraisalAssignment, { period }, { populate: ['appraiser', 'unit'], orderBy: { id: 'asc' } });
  return rows.map(({ appraiser, areaCode, unit }) => ({
    appraiserId: appraiser.id,
    appraiserName: appraiser.displayName,
    appraiserAvailable: appraiser.active && appraiser.roles.includes(Role.APPRAISER),
    appraiserUnitId: appraiser.unit?.id ?? null,
    areaCode: areaCode ?? null,
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, block: unit.block, active: unit.active } : null,
  }));
}

const periodView = (period: Period): PeriodView => ({
  id: period.id,
  year: period.year,
  name: period.name,
  status: period.status,
  selfScoringClosesAt: period.selfScoringClosesAt,
  explanationClosesAt: period.explanationClosesAt ?? null,
  createdAt: period.createdAt,
  version: period.version,
});

/**
 * Exactly what starting the year after `input.fromYear` would create, read in the caller's transaction: the preview
 * shows it and `rollOverYear` creates it, so the two cannot differ. The digest identifies the plan.
 */
export async function planRollover(em: EntityManager, actor: Actor, input: RolloverInput): Promise<RolloverPlan> {
  authorize(actor, 'rollOver', 'Period');
  const fromYear = input.fromYear;
  const toYear = fromYear + 1;
  const source = await sourcePeriod(em, actor, fromYear);
  await assertYearNotStarted(em, toYear);
  const { sets, criteria } = await publishedSets(em, fromYear);

  const periodName = cleanText(input.name ?? nextYearText(source.name, fromYear), 'name', { required: true, max: 300 })!;
  const selfScoringClosesAt = input.selfScoringClosesAt ?? aYearLater(source.selfScoringClosesAt);
  const explanationClosesAt = input.explanationClosesAt ?? (source.explanationClosesAt ? aYearLater(source.explanationClosesAt) : null);
  assertDeadlines(selfScoringClosesAt, explanationClosesAt);

  const byBlock = new Map(sets.map((set) => [set.block, new Map(criteria.get(set.id)!.map((criterion) => [criterion.code, criterion]))]));
  const changes = planChanges(await acceptedComments(em, toYear), byBlock);
  const versions = await nextVersions(em, toYear);
  const criteriaSets: RolloverSetView[] = sets.map((set) => {
    const nodes = criteria.get(set.id)!;
    return {
      block: set.block,
      sourceSetId: set.id,
      sourceVersion: set.version,
      title: cleanText(nextYearText(set.title, fromYear), 'title', { max: 500 }) ?? set.title,
      version: versions.get(set.block) ?? 1,
      criterionCount: nodes.length,
      leafCount: nodes.filter((node) => node.isLeaf).length,
      maxPoints: totalMaxPoints(nodes, changesToMake(changes, set.block)),
      codes: nodes.map((node) => node.code),
    };
  });

  const blocks = new Set(sets.map((set) => set.block));
  const areaCodes = new Set([...criteria.values()].flatMap((nodes) => nodes.filter((node) => node.isTop).map((node) => node.code)));
  const units = await em.find(Unit, { block: { $in: [...blocks] }, active: true }, { orderBy: { block: 'asc', code: 'asc' } });
  const assignments: RolloverAssignmentView[] = (await sourceAssignments(em, source)).map((assignment) => ({
    appraiser: { id: assignment.appraiserId, displayName: assignment.appraiserName },
    areaCode: assignment.areaCode,
    unit: assignment.unit,
    skipReason: assignmentSkipReason(assignment, areaCodes, blocks),
  }));

  const plan: Omit<RolloverPlan, 'digest'> = {
    fromYear,
    toYear,
    sourcePeriod: periodView(source),
    periodName,
    selfScoringClosesAt,
    explanationClosesAt,
    criteriaSets,
    changes,
    units: units.map(({ id, code, name, block, active }) => ({ id, code, name, block, active })),
    assignments,
    criterionCount: criteriaSets.reduce((sum, set) => sum + set.criterionCount, 0),
    assignmentCount: assignments.filter((assignment) => assignment.skipReason === null).length,
  };
  return { ...plan, digest: createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32) };
}
