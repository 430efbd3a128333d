// Reading evidence stays off the request path: score saves while ten 50 MB PDFs are uploaded and read.
// Ten clients save self-scores (the portal's mutation) for 15 s with nothing else running, then again while
// ten 50 MB PDFs (a Decree 30 text layer and 50 MB of embedded data, each different) are uploaded at once and
// read by the worker threads. Prints the saves' p50/p99 in both phases and their ratio, the server's peak
// RSS growth while the ten are received and read, and when the last reading settled.
// Usage: node --import ./server/register.js scripts/bench/documents.ts [megabytes] [uploads]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoPdf, writePdf } from '../../server/seed/data/demo-pdf.ts';
import { demoSheetOf, graphql, login, procStatus, startBenchServer, uploadEvidence, type Measurement } from './harness.ts';
import { itemsOfSheet, measureSaves } from './writes.ts';

const megabytes = Number(process.argv[2] ?? 50);
const uploads = Number(process.argv[3] ?? 10);
const SECONDS = 15;
const MB = 1_000_000;

/** The demo's one-page official PDF plus an embedded stream of `bytes` random bytes (an attachment-like object). */
function largeOfficialPdf(bytes: number, number: string): Buffer {
  const header = demoPdf([
    'ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY',
    `Số: ${number}`,
    'Sơn Tây, ngày 10 tháng 02 năm 2023',
    'KẾ HOẠCH',
    'Cải cách hành chính năm 2023',
  ]).toString('latin1');
  const objects = [...header.matchAll(/\d+ 0 obj\n([\s\S]*?)\nendobj/g)].map((match) => match[1]!);
  const padding = randomBytes(bytes).toString('latin1');
  return writePdf([...objects, `<< /Length ${padding.length} >>\nstream\n${padding}\nendstream`]);
}

/** Waits until every uploaded document has a reading that is no longer pending; ms since `since`. */
async function readingSettled(url: string, token: string, ids: number[], since: number): Promise<number> {
  const query = `{ ${ids.map((id, index) => `e${index}: evidence(id: ${id}) { reading { status } }`).join(' ')} }`;
  for (;;) {
    const documents = Object.values(await graphql<Record<string, { reading: { status: string } | null }>>(url, query, {}, token));
    if (documents.every((document) => document.reading && document.reading.status !== 'PENDING')) {
      return Math.round(performance.now() - since);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-documents-bench-'));
const server = await startBenchServer({ UPLOAD_LIMIT_MB: String(megabytes + 1) });
try {
  const pid = server.child.pid!;
  const token = await login(server.url, 'sontay');
  const { periodId, unitId } = await demoSheetOf(server.url, token);
  const items = (await itemsOfSheet(server.url, token, periodId, unitId)).slice(0, 10);
  const files = await Promise.all(
    Array.from({ length: uploads }, async (_, index) => {
      const file = path.join(dir, `ke-hoach-${index + 1}.pdf`);
      await fs.writeFile(file, largeOfficialPdf(megabytes * MB, `${index + 1}/KH-UBND`));
      return file;
    }),
  );

  await measureSaves(server.url, items, 3); // warm-up
  const quiet = await measureSaves(server.url, items, SECONDS);

  await fs.writeFile(`/proc/${pid}/clear_refs`, '5'); // VmHWM := current RSS
  const before = await procStatus(pid);
  const started = performance.now();
  const received = Promise.all(files.map((file) => uploadEvidence(server.url, token, items[0]!.sheetId, file)));
  // Readings are polled as soon as the uploads are in, while the saves go on.
  const settled = received.then(async (done) => ({
    uploadedMs: Math.max(...done.map((upload) => upload.ms)),
    settledMs: await readingSettled(
      server.url,
      token,
      done.map((upload) => upload.id),
      started,
    ),
  }));
  const [busy, { uploadedMs, settledMs }] = await Promise.all([measureSaves(server.url, items, SECONDS), settled]);
  const after = await procStatus(pid);

  const row = (name: string, m: Measurement) => ({
    phase: name,
    'saves/s': m.requestsPerSecond,
    'p50 (ms)': m.p50Ms,
    'p99 (ms)': m.p99Ms,
    errors: m.non2xx,
  });
  console.table([row('saves alone', quiet), row(`saves during ${uploads} × ${megabytes} MB uploads`, busy)]);
  console.log(
    `p99 during uploads ÷ p99 alone: ${(busy.p99Ms / quiet.p99Ms).toFixed(2)}; p50: ${(busy.p50Ms / quiet.p50Ms).toFixed(2)}. ` +
      `${uploads} uploads received in ${uploadedMs} ms, every reading settled ${settledMs} ms after the first byte. ` +
      `Server RSS ${(before.rss / MB).toFixed(0)} MB before, peak ${(after.hwm / MB).toFixed(0)} MB ` +
      `(growth ${((after.hwm - before.rss) / MB).toFixed(0)} MB for ${uploads * megabytes} MB received).`,
  );
} finally {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
