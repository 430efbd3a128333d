// Evidence uploads stream: the server's memory must not grow with the file size.
// Uploads files of 1, 10, 50 and 200 MB to the running app (a child process, see harness.ts) and reports
// the server's peak RSS growth during each upload, from the kernel's high-water mark (VmHWM,
// reset before each upload through /proc/<pid>/clear_refs).
// Usage: node --import ./server/register.js scripts/bench/upload-memory.ts [megabytes…]
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { demoSheetOf, graphql, login, procStatus, startBenchServer, uploadEvidence } from './harness.ts';

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1, 10, 50, 200];
const MB = 1_000_000;

/** A file that sniffs as PDF (the header is all the type check reads), random after it so no two runs dedupe. */
async function writeSample(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  for (let written = 16; written < bytes; written += 1 << 20) out.write(randomBytes(Math.min(1 << 20, bytes - written)));
  out.end();
  await finished(out);
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-upload-bench-'));
// The default limit is 50 MB; raised here so the largest sample fits.
const server = await startBenchServer({ UPLOAD_LIMIT_MB: String(Math.ceil(Math.max(50, ...sizes)) + 1) });
try {
  const pid = server.child.pid!;
  const token = await login(server.url, 'sontay');
  const { periodId, unitId } = await demoSheetOf(server.url, token);
  const { scoreSheet } = await graphql<{ scoreSheet: { id: number } }>(
    server.url,
    'query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id } }',
    { p: periodId, u: unitId },
    token,
  );

  const rows: Record<string, string | number>[] = [];
  for (const [label, megabytes] of [['warm-up', 0.1], ...sizes.map((size) => [`${size}mb`, size])] as [string, number][]) {
    const file = path.join(dir, `${label}.pdf`);
    await writeSample(file, Math.round(megabytes * MB));
    await fs.writeFile(`/proc/${pid}/clear_refs`, '5'); // VmHWM := current RSS
    const before = await procStatus(pid);
    const { ms } = await uploadEvidence(server.url, token, scoreSheet.id, file);
    const after = await procStatus(pid);
    if (label === 'warm-up') continue;
    rows.push({
      upload: `${megabytes} MB`,
      'RSS before (MB)': +(before.rss / MB).toFixed(1),
      'peak RSS (MB)': +(after.hwm / MB).toFixed(1),
      'peak growth (MB)': +((after.hwm - before.rss) / MB).toFixed(1),
      'time (ms)': ms,
      'MB/s': +(megabytes / (ms / 1000)).toFixed(1),
    });
  }
  console.table(rows);
  console.log(
    `Peak RSS growth per upload: ${rows.map((row) => `${row.upload}: ${row['peak growth (MB)']} MB`).join(', ')}. ` +
      'Streamed to a staging file while hashed: the growth levels off (V8 frees the spent network buffers once a few tens of MB ' +
      'of them pile up) instead of following the file size; a buffered upload would grow by at least the file size.',
  );
} finally {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
