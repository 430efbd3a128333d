import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, systemActor, type Actor } from '../../access/index.ts';
import { toAuthUser, User } from '../../auth/index.ts';
import {
  addComment,
  FeedbackAspect,
  FeedbackResolution,
  openConsultation,
  publishResponses,
  respond,
  ResponseTemplate,
  setAgreement,
  submitAnswer,
} from '../../consultation/index.ts';
import { createCriteriaSet, CriteriaSet, CriteriaSetStatus, Criterion, removeCriterion, updateCriterion } from '../../criteria/index.ts';
import { Unit } from '../../units/index.ts';
import {
  type DemoConsultation,
  departmentConsultation2024,
  districtConsultation2024,
  responseTemplates,
} from '../data/consultation-2024.ts';
import type { SeedStepDefinition } from '../seed.ts';
import { demoAccounts } from './users.ts';

const DAY = 86_400_000;

const YEAR_FIELDS = ['title', 'guidance', 'scoring_method', 'evidence_requirement'];

/** The 2023 texts name their year; the 2024 draft moves every "năm 2023" on by one year. */
const nextYearSql = (column: string) =>
  `replace(replace(replace(${column}, 'năm 2023', 'năm 2024'), 'năm 2022', 'năm 2023'), '31/12/2023', '31/12/2024')`;

/** The 2024 draft: a copy of the block's 2023 set, through the criteria service, with the demo's edits. */
async function deriveDraft(
  em: EntityManager,
  secretariat: Actor,
  demo: DemoConsultation,
): Promise<{ draftId: number; ids: Map<string, number> }> {
  const source = await em.findOneOrFail(CriteriaSet, { year: 2023, block: demo.block, status: CriteriaSetStatus.PUBLISHED });
  const draft = await createCriteriaSet(em, secretariat, { copyFromId: source.id, year: 2024, title: demo.draftTitle });
  const criteria = await em.find(Criterion, { criteriaSet: draft }, { orderBy: { id: 'asc' } });
  const ids = new Map(criteria.map((criterion) => [criterion.code, criterion.id]));
  for (const code of demo.removed) {
    await removeCriterion(em, secretariat, ids.get(code)!);
    ids.delete(code);
  }
  // Moving the texts on by a year touches nearly every row: one statement rather than a service call per criterion.
  await em.flush();
  await em.execute(
    `update criterion set ${YEAR_FIELDS.map((column) => `${column} = ${nextYearSql(column)}`).join(', ')} where criteria_set_id = ?`,
    [draft.id],
  );
  em.clear(); // the loaded criteria hold the old texts
  for (const { code, ...fields } of demo.edits) {
    const criterion = await em.findOneOrFail(Criterion, ids.get(code)!, { refresh: true });
    await updateCriterion(em, secretariat, criterion.id, { ...fields, version: criterion.version });
  }
  return { draftId: draft.id, ids };
}

async function seedConsultation(em: EntityManager, secretariat: Actor, demo: DemoConsultation, now: Date): Promise<void> {
  const { draftId, ids } = await deriveDraft(em, secretariat, demo);
  const consultation = await openConsultation(
    em,
    secretariat,
    {
      criteriaSetId: draftId,
      title: demo.title,
      introduction: demo.introduction,
      opensAt: new Date(now.getTime() - 3 * DAY),
      closesAt: new Date(now.getTime() + 11 * DAY),
      invitedBlocks: [demo.block],
    },
    now,
  );
  const codes = [...new Set([...demo.comments.map((c) => c.unit), ...demo.agreed, ...demo.submitted])];
  const units = new Map((await em.find(Unit, { code: { $in: codes } })).map((unit) => [unit.code, unit.id]));
  // Units with a demo account comment through it; the others' answers are transcribed by the
  // secretariat (acting for the unit, so no author is recorded).
  const accounts = await em.find(User, { username: { $in: demoAccounts.map((account) => account.username) } }, { populate: ['unit'] });
  const transcribed = (unitId: number): Actor => ({ ...secretariat, unitId });
  const actorOf = (code: string): Actor => {
    const unitId = units.get(code)!;
    const staff = accounts.find((user) => user.unit?.id === unitId && user.roles.includes(Role.UNIT_STAFF));
    return staff ? systemActor(toAuthUser(staff)) : transcribed(unitId);
  };

  for (const comment of demo.comments) {
    const saved = await addComment(
      em,
      actorOf(comment.unit),
      {
        consultationId: consultation.id,
        criterionId: comment.criterion ? ids.get(comment.criterion)! : null,
        aspect: comment.aspect as FeedbackAspect,
        text: comment.text,
        proposedWording: comment.proposedWording ?? null,
      },
      now,
    );
    if (!comment.response) continue;
    await respond(
      em,
      secretariat,
      {
        commentIds: [saved.id],
        versions: [0],
        resolution: comment.response.resolution as FeedbackResolution,
        explanation: comment.response.explanation ?? null,
      },
      now,
    );
    if (comment.response.published) await publishResponses(em, secretariat, consultation.id, [saved.id], now);
  }
  for (const code of demo.agreed) await setAgreement(em, actorOf(code), consultation.id, true, now);
  for (const code of demo.submitted) await submitAnswer(em, transcribed(units.get(code)!), consultation.id, now);
}

export const demoConsultation2024Step: SeedStepDefinition = {
  name: 'demo-consultation-2024',
  demoOnly: true,
  async run(em, { now }) {
    const secretariat = systemActor(toAuthUser(await em.findOneOrFail(User, { username: 'secretariat' })));
    for (const demo of [districtConsultation2024, departmentConsultation2024]) await seedConsultation(em, secretariat, demo, now);
    for (const template of responseTemplates) {
      em.create(ResponseTemplate, {
        ...template,
        resolution: template.resolution as FeedbackResolution,
        explanation: template.explanation ?? null,
      });
    }
  },
};
