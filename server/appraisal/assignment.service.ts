import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, Role, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Period, periodNotFound, PeriodStatus } from '../periods/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { Unit } from '../units/index.ts';
import type { AssignAppraiserInput } from './appraisal.types.ts';
import { AppraisalAssignment } from './assignment.entity.ts';

async function openPeriod(em: EntityManager, actor: Actor, periodId: number): Promise<Period> {
  const period = await em.findOne(Period, periodId);
  if (!period) throw periodNotFound(actor, periodId);
  if (period.status === PeriodStatus.FINALIZED) {
    throw domainError('PERIOD_STATUS', { vi: 'Kỳ đánh giá đã chốt kết quả.', en: 'The period is finalised.' }, { status: period.status });
  }
  return period;
}

/** The area codes (top-level criteria) and blocks of a period's sets. */
async function periodScope(em: EntityManager, periodId: number): Promise<{ areaCodes: Set<string>; blocks: Set<string> }> {
  const rows = await em.execute<{ code: string; block: string }[]>(
    `select c.code, cs.block from period_criteria_sets pcs
       join criteria_set cs on cs.id = pcs.criteria_set_id
       join criterion c on c.criteria_set_id = cs.id and c.parent_id is null
      where pcs.period_id = ?`,
    [periodId],
  );
  return { areaCodes: new Set(rows.map((row) => row.code)), blocks: new Set(rows.map((row) => row.block)) };
}

/** Assigns an appraiser an area (for every unit), a unit (every area), or one area of one unit. Audited. */
export async function assignAppraiser(em: EntityManager, actor: Actor, input: AssignAppraiserInput): Promise<number> {
  authorize(actor, 'create', 'AppraisalAssignment');
  return em.transactional(async (tx) => {
    const period = await openPeriod(tx, actor, input.periodId);
    const appraiser = await tx.findOne(User, input.appraiserId);
    if (!appraiser || !appraiser.active || !appraiser.roles.includes(Role.APPRAISER)) {
      throw badInput('appraiserId', {
        vi: 'Người được phân công phải là thành viên Hội đồng thẩm định.',
        en: 'The assignee must be an active appraiser.',
      });
    }
    const areaCode = input.areaCode?.trim() || null;
    const unitId = input.unitId ?? null;
    if (areaCode === null && unitId === null) {
      throw badInput('areaCode', { vi: 'Cần chọn lĩnh vực, đơn vị, hoặc cả hai.', en: 'Give an area, a unit, or both.' });
    }
    const scope = await periodScope(tx, period.id);
    if (areaCode !== null && !scope.areaCodes.has(areaCode)) {
      throw badInput('areaCode', { vi: `Kỳ đánh giá không có lĩnh vực ${areaCode}.`, en: `The period has no area ${areaCode}.` });
    }
    if (unitId !== null) {
      const unit = await tx.findOne(Unit, unitId);
      if (!unit || !scope.blocks.has(unit.block)) {
        throw badInput('unitId', { vi: 'Đơn vị không thuộc kỳ đánh giá này.', en: 'The unit is not assessed in this period.' });
      }
      if (appraiser.unit?.id === unitId) {
        throw domainError(
          'OWN_UNIT',
          { vi: 'Không phân công thẩm định đơn vị của chính mình.', en: 'An appraiser cannot be assigned their own unit.' },
          { field: 'unitId' },
        );
      }
    }
    if (await tx.findOne(AppraisalAssignment, { period, appraiser, areaCode, unit: unitId })) {
      throw domainError('DUPLICATE_ASSIGNMENT', { vi: 'Phân công này đã có.', en: 'This assignment already exists.' });
    }
    const assignment = tx.create(AppraisalAssignment, {
      period,
      appraiser,
      areaCode,
      unit: unitId === null ? null : tx.getReference(Unit, unitId),
      createdBy: tx.getReference(User, actor.id),
    });
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'AppraisalAssignment',
      subjectId: assignment.id,
      action: 'assign',
      after: { periodId: period.id, appraiserId: appraiser.id, areaCode, unitId },
    });
    return assignment.id;
  });
}

export async function removeAssignment(em: EntityManager, actor: Actor, id: number): Promise<number> {
  authorize(actor, 'delete', 'AppraisalAssignment');
  return em.transactional(async (tx) => {
    const assignment = await tx.findOne(AppraisalAssignment, id);
    if (!assignment) throw missingRow(actor, 'read', 'AppraisalAssignment', { vi: 'phân công thẩm định', en: 'Assignment' }, id);
    await openPeriod(tx, actor, assignment.period.id);
    recordAudit(tx, actor, {
      subjectType: 'AppraisalAssignment',
      subjectId: id,
      action: 'unassign',
      before: {
        periodId: assignment.period.id,
        appraiserId: assignment.appraiser.id,
        areaCode: assignment.areaCode ?? null,
        unitId: assignment.unit?.id ?? null,
      },
    });
    tx.remove(assignment);
    return assignment.period.id;
  });
}
