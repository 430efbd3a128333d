import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import * as files from '../support/files.ts';
import { readSheet, scoringContext } from '../support/scoring.ts';
import { uploadEvidence } from '../support/upload.ts';

/**
 * Issue 15, item 5: `/metrics` in Prometheus text format — requests and latency per route and per GraphQL operation,
 * the database pool, upload bytes, the job queue, errors by code — answered on the loopback interface or with
 * METRICS_TOKEN only.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function scrape(url = t.url, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of the sample `name` whose labels include `labels` (0 when there is none yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe('/metrics', () => {
  it('counts requests per route and per GraphQL operation, with latency histograms, errors by code and upload bytes', async () => {
    const before = await scrape();
    const token = await t.login('sontay');
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query MetricsProbe { me { id } }' }),
      });
      expect(response.status).toBe(200);
    }
    const refused = await t.gql('mutation { login(username: "sontay", password: "Không-phải-mật-khẩu-9") { token } }');
    const refusedCode = refused.errors![0]!.extensions!.code!;
    // A unit's staff may not read every document, so a missing one answers as a forbidden one does.
    const missing = await fetch(`${t.url}/api/evidence/987654/download`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(403);

    const context = await scoringContext(t);
    const sheet = (await readSheet(t, context.sontay, context.periodId, context.unitId('SONTAY'))).data.scoreSheet;
    const content = files.pdf('Đo số byte tải lên');
    expect((await uploadEvidence(t.url, sheet.id, { name: 'do-luong.pdf', content }, { token: context.sontay })).status).toBe(201);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('par_graphql_operations_total', { operation: 'MetricsProbe', type: 'query', outcome: 'ok' })).toBe(3);
    expect(delta('par_graphql_operation_duration_seconds_count', { operation: 'MetricsProbe', type: 'query' })).toBe(3);
    // The third probe was answered from the response cache, and counted all the same.
    expect(delta('par_graphql_response_cache_total', { outcome: 'hit' })).toBe(1);
    expect(delta('par_graphql_operations_total', { operation: 'anonymous', type: 'mutation', outcome: 'error' })).toBe(1);
    expect(delta('par_errors_total', { code: refusedCode, source: 'graphql' })).toBe(1);
    expect(delta('par_errors_total', { code: 'FORBIDDEN', source: 'http' })).toBe(1);
    // The route is its pattern, so ids do not each make a series.
    expect(delta('par_http_requests_total', { method: 'GET', route: '/api/evidence/:id/download', status: '403' })).toBe(1);
    expect(delta('par_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(5);
    expect(delta('par_http_request_duration_seconds_count', { method: 'POST', route: '/api/evidence/score-sheets/:sheetId/files' })).toBe(
      1,
    );
    expect(delta('par_upload_bytes_total')).toBe(content.length);
    expect(delta('par_uploads_total', { outcome: 'received' })).toBe(1);
    // The scrape before this one counts too: /metrics is a route like the others.
    expect(delta('par_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBe(1);

    expect(sample(after, 'par_db_pool_max')).toBe(10);
    expect(
      sample(after, 'par_db_pool_connections', { state: 'free' }) + sample(after, 'par_db_pool_connections', { state: 'used' }),
    ).toBeGreaterThan(0);
    expect(after).toMatch(/^par_job_queue_depth\{queue="document-reading"\} \d+$/m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('is refused to a request a proxy forwarded when no METRICS_TOKEN is set', async () => {
    const response = await fetch(`${t.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', 'accept-language': 'en' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: '/metrics answers only on the loopback interface unless METRICS_TOKEN is set.' },
    });
  });

  it('with METRICS_TOKEN, answers only a request bearing it', async () => {
    const guarded = await startTestApp({ config: { metricsToken: 'a-long-metrics-token-0123456789' } });
    try {
      const none = await fetch(`${guarded.url}/metrics`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      // A user's session token is not the metrics token.
      const session = await guarded.login('admin', DEMO_PASSWORD);
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${session}` } });
      expect(wrong.status).toBe(403);
      expect(await scrape(guarded.url, { authorization: 'Bearer a-long-metrics-token-0123456789' })).toContain('par_http_requests_total');
    } finally {
      await guarded.close();
    }
  });
});
