import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { readSheet, scoringContext } from './support/scoring.ts';

let t: TestApp;
let sontay: string;
let sheetId: number;
beforeAll(async () => {
  t = await startTestApp();
  const context = await scoringContext(t);
  sontay = context.sontay;
  sheetId = (await readSheet(t, sontay, context.periodId, context.unitId('SONTAY'))).data.scoreSheet.id;
});
afterAll(() => t.close());

function raw(body: string, contentLength: number, end: boolean): Promise<string> {
  const url = new URL(t.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(`POST /api/score-sheets/${sheetId}/evidence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sontay}\r\n` +
        `Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: ${contentLength}\r\n\r\n${body}`);
      if (end) socket.end();
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    setTimeout(() => { socket.destroy(); resolve(data); }, 3000);
  });
}

it('truncated multipart', async () => {
  const body = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 hello';
  const answer = await raw(body, body.length, true);
  console.log('ANSWER', JSON.stringify(answer.slice(0, 300)));
  const again = await fetch(`${t.url}/healthz`);
  expect(again.status).toBe(200);
});
