// Usage: node --expose-gc --import ./server/register.js scripts/bench/synthesis-export.ts [comments=20000]
// Measures the synthesis .xlsx export over HTTP (the real route, streamed from a cursor through exceljs)
// for a small and a large round, sampling the process RSS, to show memory does not grow with the comments.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { createApp } from '../../server/app.ts';
import { readConfig } from '../../server/shared/config.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../../server/shared/database.ts';
import { openOrm } from '../../server/orm.ts';
import { DEMO_PASSWORD, seedDatabase } from '../../server/seed/index.ts';

const large = Number(process.argv[2] ?? 20_000);
const MB = 1024 * 1024;
const pgDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'par-bench-pg-')); // initdb wants the folder itself (it runs as `postgres`)
const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'par-bench-'));
const pg = await startEmbeddedPostgres(pgDir);
const orm = await openOrm(await ensureDatabase(pg.adminUrl, 'bench'));
await seedDatabase(orm, { demo: true, now: new Date() });
const app = await createApp(orm, { ...readConfig({}), port: 0 });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const sql = (text: string, params: unknown[] = []) => orm.em.getConnection().execute(text, params);

const login = await fetch(`${url}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: 'mutation($p: String!) { login(username: "secretariat", password: $p) { token } }',
    variables: { p: DEMO_PASSWORD },
  }),
});
const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
const [{ id: consultationId }] = await sql(
  `select c.id from consultation c join criteria_set s on s.id = c.criteria_set_id where s.block = 'DISTRICT'`,
);

/** Brings the round to `total` active comments: long Vietnamese texts, every other one answered. */
async function fillTo(total: number): Promise<void> {
  await sql(
    `
    insert into feedback_comment (consultation_id, unit_id, criterion_id, aspect, text, proposed_wording)
    select ?, u.id, cr.id, (array['SCORING_METHOD','EVIDENCE_REQUIREMENT','MAX_POINTS','GENERAL'])[1 + i % 4],
           'Ý kiến số ' || i || ': đề nghị quy định rõ hơn tài liệu kiểm chứng, thời hạn ban hành văn bản và cách tính tỷ lệ hồ sơ giải quyết đúng hạn; '
             || repeat('nội dung góp ý chi tiết của đơn vị về tiêu chí này. ', 4),
           'Đề xuất sửa thành: ' || repeat('tài liệu kiểm chứng gồm văn bản, số liệu trích xuất có ngày, ', 3)
      from generate_series((select count(*) from feedback_comment where consultation_id = ?) + 1, ?) i
      join lateral (select id from unit where block = 'DISTRICT' order by id offset i % 30 limit 1) u on true
      join lateral (select id from criterion where criteria_set_id = (select criteria_set_id from consultation where id = ?)
                     order by id offset i % 100 limit 1) cr on true`,
    [consultationId, consultationId, total, consultationId],
  );
  await sql(
    `
    insert into feedback_response (comment_id, resolution, explanation)
    select id, 'PARTIALLY_ACCEPTED', 'Tiếp thu một phần: ' || repeat('giải trình của Sở Nội vụ về nội dung góp ý. ', 4)
      from feedback_comment c where consultation_id = ? and id % 2 = 0
       and not exists (select 1 from feedback_response r where r.comment_id = c.id)`,
    [consultationId],
  );
}

interface Run {
  comments: number;
  bytes: number;
  ms: number;
  baselineMb: number;
  peakMb: number;
  buffersMb: number;
  rows: number;
}

async function exportOnce(comments: number): Promise<Run> {
  await fillTo(comments);
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let buffers = 0; // Buffers (the zip and HTTP streams hold theirs here): what a missing backpressure would pile up
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    buffers = Math.max(buffers, usage.arrayBuffers);
  };
  const sampler = setInterval(sample, 10);
  const file = path.join(dir, `synthesis-${comments}.xlsx`);
  const started = performance.now();
  const response = await fetch(`${url}/api/consultation/${consultationId}/synthesis.xlsx`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(file));
  const ms = performance.now() - started;
  clearInterval(sampler);
  sample();
  // Read back with exceljs's streaming reader (after the measurement) to check every row is there.
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {}))
    for await (const row of sheet) if (typeof row.getCell(1).value === 'number') rows += 1;
  return { comments, bytes: fs.statSync(file).size, ms, baselineMb: baseline / MB, peakMb: peak / MB, buffersMb: buffers / MB, rows };
}

const runs = [await exportOnce(2_000), await exportOnce(large)];
console.log('\nSynthesis .xlsx export over HTTP (server and client in this process; RSS sampled every 10 ms)');
console.log('comments  rows read back   file MB   time s   RSS before MB   peak RSS MB   growth MB   peak Buffers MB');
for (const run of runs) {
  console.log(
    `${String(run.comments).padStart(8)}  ${String(run.rows).padStart(14)}  ${(run.bytes / MB).toFixed(1).padStart(8)}  ${(run.ms / 1000).toFixed(1).padStart(7)}` +
      `  ${run.baselineMb.toFixed(0).padStart(14)}  ${run.peakMb.toFixed(0).padStart(12)}  ${(run.peakMb - run.baselineMb).toFixed(0).padStart(10)}` +
      `  ${run.buffersMb.toFixed(1).padStart(16)}`,
  );
}
console.log(`process maxRSS (lifetime): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

await app.close();
await orm.close();
await pg.stop();
await fsp.rm(dir, { recursive: true, force: true });
await fsp.rm(pgDir, { recursive: true, force: true });
