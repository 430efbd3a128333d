/**
 * Demo seed: the 2023 PAR plans of the Hà Nội units as the monitoring system would hold them.
 * Task texts are illustrative (typical of the units' plans), not copied from any real plan. The lists
 * themselves are data, in monitoring-2023.json; this file gives them their types and what the steps read.
 */
import data from './monitoring-2023.json' with { type: 'json' };

export interface TaskTemplate {
  area: number;
  title: string;
  output: string;
  /** 'MM-DD' in 2023. */
  deadline: string;
}

export const PLAN_DEADLINE_2023 = '2023-01-31';

/** The tasks a unit's plan picks from, in plan order. */
export const taskTemplates: TaskTemplate[] = data.planTasks;

/** Tasks the city's own 2023 PAR plan assigns to units. */
export const cityTaskTemplates: TaskTemplate[] = data.cityTasks;

/** Sơn Tây's plan, partly filled in: the numbers its score sheet already cites. */
export const sontayPlan = {
  par: { documentNumber: '243/KH-UBND', issueDate: '2023-01-05' },
  inspection: { documentNumber: '25/KH-UBND', issueDate: '2022-12-28' },
  communication: { documentNumber: '31/KH-UBND', issueDate: '2023-01-20' },
  /** Own tasks (indexes into taskTemplates); 2 city tasks come on top: 16 tasks. */
  tasks: [0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 15, 16, 18],
  /** By task position: how far each has come (the rest is done on time). */
  progress: { 12: 'IN_PROGRESS', 13: 'LATE' } as Record<number, 'IN_PROGRESS' | 'NOT_STARTED' | 'LATE'>,
};

/** Deadlines of the 2023 periodic PAR reports (báo cáo quý I, 6 tháng, quý III, năm). */
export const REPORT_DEADLINES_2023 = { Q1: '2023-03-15', H1: '2023-06-15', Q3: '2023-09-15', YEAR: '2023-12-15' } as const;

/** Sơn Tây's reports: two accepted on time, quarter III being filled in, the year's not started. */
export const sontayReports = { Q1: 'ON_TIME', H1: 'ON_TIME', Q3: 'DRAFT', YEAR: 'MISSING' } as const;

/** The 15 wards and communes of Sơn Tây (its inspection plan covers them all; 11 inspected, as its score sheet says). */
export const sontayCommunes: string[] = data.sontayCommunes;
