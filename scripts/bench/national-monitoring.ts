// The monitoring year at national scale (issue 11): every commune's PAR plan of `year` with `tasks` tasks
// (a mix of done on time, done late, in progress, not started; two city-assigned) and its four periodic
// reports (mostly on time, some late, a few returned, some missing), over the report periods the seed
// configured for the year. Set-based SQL, like national.ts. Used by generate-national.ts and monitoring.ts.
import type { MikroORM } from '@mikro-orm/postgresql';
import { insertCommunes } from './national.ts';

export interface NationalMonitoringOptions {
  units: number;
  year: number;
  tasks?: number;
  log?: (line: string) => void;
}

export async function generateNationalMonitoring(
  orm: MikroORM,
  { units, year, tasks = 20, log = console.log }: NationalMonitoringOptions,
): Promise<void> {
  const started = Date.now();
  const step = (what: string) => log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await orm.em.fork().transactional(async (em) => {
    await em.execute('set local statement_timeout = 0');
    const sql = (text: string, params: unknown[] = []) => em.execute(text, params);
    await insertCommunes(em, units);
    const [configured] = await sql(`select plan_deadline from monitoring_year where year = ?`, [year]);
    if (!configured) throw new Error(`monitoring year ${year} is not configured (the seed configures 2023)`);
    // PAR plans issued in January or February: the year's deadline sorts them on time or late.
    await sql(
      `insert into annual_plan (unit_id, year, kind, document_number, issue_date)
       select u.id, ?, 'PAR', (u.id % 300 + 1) || '/KH-UBND', make_date(?, 1, 1) + (u.id * 7 % 50)
         from unit u where u.block = 'COMMUNE' and u.code like 'XA%'
       on conflict (unit_id, year, kind) do nothing`,
      [year, year],
    );
    // Deadlines spread over the year; a draw per task decides its state.
    await sql(
      `insert into plan_task (plan_id, unit_id, year, code, title, area, deadline, original_deadline, city_assigned, status, progress, completed_on)
       select p.id, p.unit_id, p.year, i::text, 'Nhiệm vụ CCHC số ' || i, 1 + i % 8, d.deadline, d.deadline, i <= 2,
              s.status::task_status, case s.status when 'DONE' then 100 when 'IN_PROGRESS' then 50 else 0 end,
              case when s.status = 'DONE' then d.deadline + (case when s.draw < 0.6 then -(i % 10) else 3 + i % 20 end) end
         from annual_plan p
         join unit u on u.id = p.unit_id and u.block = 'COMMUNE' and u.code like 'XA%'
         cross join generate_series(1, ?) as i
         cross join lateral (select make_date(p.year, 1 + (i + p.unit_id) % 12, 1 + (i * 3 + p.unit_id) % 28) as deadline) d
         cross join lateral (select random() + 0 * i as draw) r
         cross join lateral (select r.draw, case when r.draw < 0.75 then 'DONE' when r.draw < 0.87 then 'IN_PROGRESS' else 'NOT_STARTED' end as status) s
        where p.year = ? and p.kind = 'PAR'
       on conflict (plan_id, code) do nothing`,
      [tasks, year],
    );
    step(`${year}: ${units} plans × ${tasks} tasks`);
    await sql(
      `insert into periodic_report (period_id, unit_id, year, values, status, first_submitted_at, counted_submitted_at, submitted_at, returned_at, return_comment)
       select rp.id, u.id, rp.year, '{"dossiersReceived": 1200, "dossiersOnline": 800}'::jsonb,
              (case when o.draw < 0.84 then 'ACCEPTED' else 'RETURNED' end)::report_status, o.at, o.at, o.at,
              case when o.draw >= 0.84 then o.at + interval '2 days' end,
              case when o.draw >= 0.84 then 'Đề nghị bổ sung số liệu.' end
         from unit u
         cross join report_period rp
         cross join lateral (select random() + 0 * u.id as draw) r
         cross join lateral (select r.draw, rp.deadline + interval '2 hours' + (case when r.draw < 0.7 then -3 else 5 end) * interval '1 day' as at) o
        where u.block = 'COMMUNE' and u.code like 'XA%' and rp.year = ? and o.draw < 0.9
       on conflict (period_id, unit_id) do nothing`,
      [year],
    );
    step(`${year}: reports of 4 periods (about 10 % missing)`);
  });
  await orm.em.fork().execute('analyze unit, annual_plan, plan_task, periodic_report');
  const [counts] = await orm.em
    .fork()
    .execute(
      `select (select count(*) from plan_task where year = ?)::int as tasks, (select count(*) from periodic_report where year = ?)::int as reports`,
      [year, year],
    );
  step(`done: ${counts!.tasks} tasks, ${counts!.reports} reports of ${year} in the database`);
}
