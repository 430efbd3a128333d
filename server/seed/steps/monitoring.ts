import type { EntityManager } from '@mikro-orm/postgresql';
import { AnnualPlan, MonitoringYear, PlanKind, PlanTask, TaskStatus } from '../../monitoring/index.ts';
import { Unit } from '../../units/index.ts';
import { cityTaskTemplates, PLAN_DEADLINE_2023, sontayPlan, taskTemplates, type TaskTemplate } from '../data/monitoring-2023.ts';
import type { SeedStepDefinition } from '../seed.ts';

/** A small deterministic generator (mulberry32), seeded per unit, so every start seeds the same data. */
export function random(seedText: string): () => number {
  let seed = [...seedText].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) | 0, 7);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);

type Outcome = 'ON_TIME' | 'LATE' | 'IN_PROGRESS' | 'NOT_STARTED';

/** Mostly done on time, some late, a few still open (and so overdue): the mix the city's reports show. */
const outcomeOf = (draw: number): Outcome => (draw < 0.8 ? 'ON_TIME' : draw < 0.88 ? 'LATE' : draw < 0.95 ? 'IN_PROGRESS' : 'NOT_STARTED');

function taskFields(template: TaskTemplate, outcome: Outcome, rand: () => number) {
  const deadline = `2023-${template.deadline}`;
  switch (outcome) {
    case 'ON_TIME':
      return { deadline, status: TaskStatus.DONE, progress: 100, completedOn: shift(deadline, -Math.floor(rand() * 20)) };
    case 'LATE':
      return { deadline, status: TaskStatus.DONE, progress: 100, completedOn: shift(deadline, 3 + Math.floor(rand() * 40)) };
    case 'IN_PROGRESS':
      return { deadline, status: TaskStatus.IN_PROGRESS, progress: 20 + 10 * Math.floor(rand() * 7), completedOn: null };
    case 'NOT_STARTED':
      return { deadline, status: TaskStatus.NOT_STARTED, progress: 0, completedOn: null };
  }
}

/** Document number and date of a plan: most issued by the deadline, a few late. */
function issued(unit: Unit, kind: PlanKind, rand: () => number) {
  const late = rand() < 0.12;
  const day = late ? shift(PLAN_DEADLINE_2023, 3 + Math.floor(rand() * 25)) : shift(PLAN_DEADLINE_2023, -Math.floor(rand() * 30));
  const body = unit.block === 'DEPARTMENT' ? unit.code : 'UBND';
  return { documentNumber: `${10 + Math.floor(rand() * 290)}/KH-${body}`, issueDate: kind === PlanKind.PAR ? day : shift(day, 5) };
}

function addTasks(
  em: EntityManager,
  plan: AnnualPlan,
  unit: Unit,
  picks: { template: TaskTemplate; outcome: Outcome; city: boolean }[],
  rand: () => number,
) {
  picks.forEach(({ template, outcome, city }, index) => {
    const fields = taskFields(template, outcome, rand);
    em.create(PlanTask, {
      plan,
      unit,
      year: 2023,
      code: String(index + 1),
      title: template.title,
      area: template.area,
      output: template.output,
      originalDeadline: fields.deadline,
      cityAssigned: city,
      ...fields,
    });
  });
}

async function seedUnit(em: EntityManager, unit: Unit): Promise<void> {
  const rand = random(unit.code);
  const sontay = unit.code === 'SONTAY';
  const documents = sontay
    ? { [PlanKind.PAR]: sontayPlan.par, [PlanKind.INSPECTION]: sontayPlan.inspection, [PlanKind.COMMUNICATION]: sontayPlan.communication }
    : Object.fromEntries(Object.values(PlanKind).map((kind) => [kind, issued(unit, kind, rand)]));
  const plans = Object.values(PlanKind).map((kind) => em.create(AnnualPlan, { unit, year: 2023, kind, ...documents[kind] }));
  const par = plans[0]!;
  let picks: { template: TaskTemplate; outcome: Outcome; city: boolean }[];
  if (sontay) {
    const own = sontayPlan.tasks.map((index) => taskTemplates[index]!);
    picks = [...own, ...cityTaskTemplates.slice(0, 2)].map((template, index) => ({
      template,
      outcome: sontayPlan.progress[index] ?? 'ON_TIME',
      city: index >= own.length,
    }));
  } else {
    // 7–17 own tasks and 1–3 city-assigned ones: 8–20 in all.
    const own = taskTemplates.filter(() => rand() < 0.7).slice(0, 7 + Math.floor(rand() * 11));
    while (own.length < 7) own.push(taskTemplates[own.length]!);
    const city = cityTaskTemplates.slice(0, 1 + Math.floor(rand() * 3));
    picks = [...own.map((template) => ({ template, city: false })), ...city.map((template) => ({ template, city: true }))].map((pick) => ({
      ...pick,
      outcome: outcomeOf(rand()),
    }));
  }
  addTasks(em, par, unit, picks, rand);
}

/** The 2023 monitoring year, and the three 2023 plans of every Hà Nội unit with the PAR plan's tasks. */
export const hanoiMonitoring2023Step: SeedStepDefinition = {
  name: 'hanoi-monitoring-2023',
  demoOnly: true,
  async run(em) {
    em.create(MonitoringYear, { year: 2023, planDeadline: PLAN_DEADLINE_2023, reminderDays: 7 });
    const units = await em.find(Unit, { active: true }, { orderBy: { code: 'asc' } });
    for (const unit of units) await seedUnit(em, unit);
    await em.flush();
  },
};
