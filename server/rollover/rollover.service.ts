import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { assignAppraiser } from '../appraisal/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createCriteriaSet, Criterion, updateCriterion } from '../criteria/index.ts';
import { createPeriod } from '../periods/index.ts';
import { domainError } from '../shared/errors.ts';
import { ChangeField, changesToMake, type PlannedChange } from './rollover.logic.ts';
import { planRollover, type RolloverPlan } from './rollover.read.ts';
import type { RolloverInput } from './rollover.types.ts';

/** The criterion fields one planned change sets, as the criteria service takes them. */
function fieldsOf(change: PlannedChange) {
  switch (change.field) {
    case ChangeField.SCORING_METHOD:
      return { scoringMethod: change.value };
    case ChangeField.EVIDENCE_REQUIREMENT:
      return { evidenceRequirement: change.value };
    default:
      return { maxPoints: change.value!, bands: change.bands! };
  }
}

/**
 * Starts the year after `input.fromYear` in one transaction: a draft copy of every published set of that year with the
 * accepted changes made, the new period (PLANNED) over those drafts with its deadlines, and last year's appraiser
 * assignments that still hold. Each part goes through its module's service (so each is validated and audited as if made
 * by hand), under a lock per year; the plan is read again inside the transaction and must be the one the caller
 * previewed (`previewDigest`), so what is created is what the preview showed.
 */
export async function rollOverYear(
  em: EntityManager,
  actor: Actor,
  input: RolloverInput,
  previewDigest: string,
): Promise<{ periodId: number; plan: RolloverPlan }> {
  authorize(actor, 'rollOver', 'Period');
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`rollover:${input.fromYear + 1}`]);
    const plan = await planRollover(tx, actor, input);
    if (plan.digest !== previewDigest) {
      throw domainError(
        'ROLLOVER_PREVIEW_OUTDATED',
        {
          vi: 'Dữ liệu đã thay đổi kể từ khi xem trước; hãy xem lại bản xem trước rồi xác nhận.',
          en: 'The data changed since the preview; look at the preview again, then confirm.',
        },
        { field: 'previewDigest' },
      );
    }
    const setIds: number[] = [];
    for (const setPlan of plan.criteriaSets) {
      const set = await createCriteriaSet(tx, actor, { copyFromId: setPlan.sourceSetId, year: plan.toYear, title: setPlan.title });
      for (const change of changesToMake(plan.changes, setPlan.block)) {
        const target = await tx.findOneOrFail(Criterion, { criteriaSet: set, code: change.criterionCode! }, { refresh: true });
        await updateCriterion(tx, actor, target.id, { ...fieldsOf(change), version: target.version });
      }
      setIds.push(set.id);
    }
    const period = await createPeriod(tx, actor, {
      year: plan.toYear,
      name: plan.periodName,
      criteriaSetIds: setIds,
      selfScoringClosesAt: plan.selfScoringClosesAt,
      explanationClosesAt: plan.explanationClosesAt,
    });
    const assignmentIds: number[] = [];
    for (const assignment of plan.assignments.filter((candidate) => candidate.skipReason === null)) {
      assignmentIds.push(
        await assignAppraiser(tx, actor, {
          periodId: period.id,
          appraiserId: assignment.appraiser.id,
          areaCode: assignment.areaCode,
          unitId: assignment.unit?.id ?? null,
        }),
      );
    }
    recordAudit(tx, actor, {
      subjectType: 'Period',
      subjectId: period.id,
      action: 'year-rollover',
      after: {
        fromYear: plan.fromYear,
        toYear: plan.toYear,
        sourcePeriodId: plan.sourcePeriod.id,
        criteriaSetIds: setIds,
        sourceSetIds: plan.criteriaSets.map((set) => set.sourceSetId),
        appliedCommentIds: plan.changes.filter((change) => change.applied).map((change) => change.commentId),
        assignmentIds,
        unitCount: plan.units.length,
        digest: plan.digest,
      },
    });
    await tx.flush();
    return { periodId: period.id, plan };
  });
}
