import { subject as asSubject } from '@casl/ability';
import { isUnitUser, type Action, type SubjectName } from '../access/index.ts';
import { requireReadable, requireUser } from '../access/index.ts';
import type { AppContext } from '../access/index.ts';
import { forbidden } from '../shared/errors.ts';
import { CONSULTATION, consultationNotFound, notInvited } from './consultation.errors.ts';
import { consultationLoader } from './consultation.read.ts';
import type { ConsultationView } from './consultation.types.ts';
import { asUnitActor, type UnitActor } from './feedback.service.ts';

/** A round the caller may read: NOT_FOUND if it does not exist, FORBIDDEN if it is not theirs to see. */
export async function readableConsultation(ctx: AppContext, id: number): Promise<ConsultationView> {
  requireUser(ctx);
  return requireReadable(ctx, 'Consultation', CONSULTATION, id, await consultationLoader(ctx).load(id));
}

/**
 * A unit user acting for their own unit in a round (`row` defaults to { unit, consultation }).
 * A unit user whose role allows the action but whose unit is not invited gets NOT_INVITED; anyone else FORBIDDEN.
 */
export async function authorizeUnitAction(
  ctx: AppContext, action: Action, subjectName: SubjectName, consultationId: number, row?: { unit: number; consultation: number },
): Promise<UnitActor> {
  const user = requireUser(ctx);
  if (!(await consultationLoader(ctx).load(consultationId))) throw consultationNotFound(consultationId);
  if (!isUnitUser(user)) throw forbidden();
  const target = row ?? { unit: user.unitId!, consultation: consultationId };
  if (!ctx.ability.can(action, asSubject(subjectName, target))) {
    const ownUnit = target.unit === user.unitId;
    throw ownUnit && ctx.ability.can(action, subjectName) ? notInvited() : forbidden();
  }
  return asUnitActor(user);
}

/** Whether the caller may read the synthesis (report) of a round. */
export const canReadSynthesis = (ctx: AppContext, consultationId: number) =>
  ctx.user !== null && ctx.ability.can('read', asSubject('ConsultationSynthesis', { id: consultationId }));
