import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, lockAuthorized, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { badInput, forbidden } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Unit } from '../units/index.ts';
import { Inspection } from './inspection.entity.ts';
import { INSPECTION, yearNotConfigured } from './monitoring.errors.ts';
import { MonitoringYear } from './plan.entity.ts';
import { checkDateInYear } from './plan.logic.ts';
import type { InspectionInput, UpdateInspectionInput } from './inspection.types.ts';

const counts = (found: number, handled: number) => {
  for (const [field, value] of [
    ['shortcomingsFound', found],
    ['shortcomingsHandled', handled],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 10_000) {
      throw badInput(field, {
        vi: 'Số tồn tại, hạn chế phải là số nguyên không âm.',
        en: 'Shortcomings must be a whole number, not negative.',
      });
    }
  }
  if (handled > found) {
    throw badInput('shortcomingsHandled', {
      vi: 'Số tồn tại đã khắc phục không thể lớn hơn số phát hiện.',
      en: 'Shortcomings handled cannot exceed those found.',
    });
  }
};

function checked(input: InspectionInput) {
  counts(input.shortcomingsFound, input.shortcomingsHandled);
  return {
    target: cleanText(input.target, 'target', { required: true, max: 300, singleLine: true })!,
    inspectedOn: checkDateInYear(input.inspectedOn, input.year, 'inspectedOn', 'DATE_OUTSIDE_YEAR'),
    conclusionNumber: cleanText(input.conclusionNumber, 'conclusionNumber', { max: 100, singleLine: true }),
    shortcomingsFound: input.shortcomingsFound,
    shortcomingsHandled: input.shortcomingsHandled,
  };
}

const record = (row: Inspection) => ({
  target: row.target,
  inspectedOn: row.inspectedOn,
  conclusionNumber: row.conclusionNumber ?? null,
  shortcomingsFound: row.shortcomingsFound,
  shortcomingsHandled: row.shortcomingsHandled,
});

/** Records an inspection the caller's unit held. */
export async function recordInspection(em: EntityManager, actor: Actor, input: InspectionInput): Promise<Inspection> {
  if (actor.unitId == null) throw forbidden();
  const unitId = actor.unitId;
  return em.transactional(async (tx) => {
    if (!(await tx.findOne(MonitoringYear, { year: input.year }))) throw yearNotConfigured(input.year);
    authorize(actor, 'create', 'Inspection', { unit: unitId, year: input.year });
    const row = tx.create(Inspection, { unit: tx.getReference(Unit, unitId), year: input.year, ...checked(input) });
    await tx.flush();
    recordAudit(tx, actor, { subjectType: 'Inspection', subjectId: row.id, action: 'inspection-create', after: record(row) });
    return row;
  });
}

/** An inspection locked for a change once `action` on it is allowed (FORBIDDEN before any lock otherwise). */
const lockInspection = (tx: EntityManager, actor: Actor, id: number, action: 'update' | 'delete') =>
  lockAuthorized(tx, actor, Inspection, id, {
    action,
    subjectName: 'Inspection',
    what: INSPECTION,
    subject: (row) => ({ unit: row.unit.id, year: row.year }),
  });

export async function updateInspection(em: EntityManager, actor: Actor, id: number, input: UpdateInspectionInput): Promise<Inspection> {
  return em.transactional(async (tx) => {
    const row = await lockInspection(tx, actor, id, 'update');
    assertVersion(row, input.version);
    if (input.year !== row.year)
      throw badInput('year', { vi: 'Không đổi được năm của cuộc kiểm tra.', en: 'An inspection’s year cannot change.' });
    const before = record(row);
    Object.assign(row, checked(input));
    recordAudit(tx, actor, { subjectType: 'Inspection', subjectId: row.id, action: 'inspection-update', before, after: record(row) });
    return row;
  });
}

export async function deleteInspection(em: EntityManager, actor: Actor, id: number): Promise<void> {
  await em.transactional(async (tx) => {
    const row = await lockInspection(tx, actor, id, 'delete');
    recordAudit(tx, actor, { subjectType: 'Inspection', subjectId: row.id, action: 'inspection-delete', before: record(row) });
    tx.remove(row);
  });
}
