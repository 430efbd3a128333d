// npm run bench:hardening: the figures issue 10's closing note asks for, measured against `npm start` (production
// mode, embedded PostgreSQL in a temp folder, demo data): the time to refuse the 1,000-alias query of
// periodResults(first: 100); what 50 wrong passwords in a row get, the 50th answer and its wait; and that the
// request role cannot UPDATE, DELETE or TRUNCATE the audit trail (nor can the owner, past the trigger).
// Not part of npm test (no timed assertion there); times vary with the machine's load, printed first.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SECRETS_FILE, type EmbeddedSecrets } from '../../server/shared/database-roles.ts';
import { graphql, login, startBenchServer } from './harness.ts';

const RUNS = Number(process.argv[2] ?? 20);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function post(url: string, body: object, token?: string) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { elapsed: performance.now() - started, status: response.status, retryAfter: response.headers.get('retry-after'), json };
}

console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);
const server = await startBenchServer();
try {
  // 1. The 1,000-alias query of periodResults(first: 100), about 60 KB.
  const token = await login(server.url, 'analyst');
  const { periods } = await graphql<{ periods: { id: number }[] }>(server.url, '{ periods { id } }', {}, token);
  const page = (i: number) => `a${i}: periodResults(periodId: $p, first: 100) { nodes { unit { name } index rank } }`;
  const query = `query($p: Int!) { ${Array.from({ length: 1000 }, (_, i) => page(i)).join('\n')} }`;
  const variables = { p: periods[0]!.id };
  const refusals: Awaited<ReturnType<typeof post>>[] = [];
  for (let i = 0; i < RUNS; i++) refusals.push(await post(server.url, { query, variables }, token));
  const first = refusals[0]!;
  // The demo period is not published, so the analyst is refused it; the secretariat reads it.
  const secretariat = await login(server.url, 'secretariat');
  const single = await post(server.url, { query: `query($p: Int!) { ${page(0)} }`, variables }, secretariat);
  console.log(`\n1,000 aliases of periodResults(first: 100): ${(query.length / 1024).toFixed(1)} KB`);
  console.log(
    `  answer: HTTP ${first.status} ${first.json.errors?.[0]?.extensions?.code}; every run the same: ${refusals.every((r) => r.status === first.status && r.json.errors?.[0]?.extensions?.code === first.json.errors?.[0]?.extensions?.code)}`,
  );
  const times = refusals.map((r) => r.elapsed);
  console.log(
    `  time to refuse over ${RUNS} runs (round trip on localhost): median ${ms(median(times))}, min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}`,
  );
  console.log(`  for scale, one alias of it served (secretariat): HTTP ${single.status} in ${ms(single.elapsed)}`);

  // 2. 50 wrong passwords in a row for one account, from one address.
  const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
  const attempts: Awaited<ReturnType<typeof post>>[] = [];
  const burst = performance.now();
  for (let i = 0; i < 50; i++)
    attempts.push(await post(server.url, { query: LOGIN, variables: { u: 'thanhoai', p: `sai-mat-khau-${i}` } }));
  const burstMs = performance.now() - burst;
  const codeOf = (a: (typeof attempts)[number]) => a.json.errors?.[0]?.extensions?.code;
  const runs: string[] = [];
  for (const [index, attempt] of attempts.entries()) {
    const label = `${attempt.status} ${codeOf(attempt)}`;
    const last = runs.at(-1);
    if (last?.endsWith(label)) runs[runs.length - 1] = `${last.split(':')[0]!.split('–')[0]}–${index + 1}: ${label}`;
    else runs.push(`${index + 1}: ${label}`);
  }
  const fiftieth = attempts[49]!;
  const english = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ query: LOGIN, variables: { u: 'thanhoai', p: 'hanoi2023' } }),
  }).then((r) => r.json() as Promise<{ errors?: { message: string }[] }>);
  console.log(`\n50 wrong passwords for thanhoai in ${ms(burstMs)}:`);
  console.log(`  ${runs.join('; ')}`);
  const counted = attempts.filter((a) => codeOf(a) === 'UNAUTHENTICATED').map((a) => a.elapsed);
  const refused = attempts.filter((a) => a.status === 429).map((a) => a.elapsed);
  if (counted.length) console.log(`  a counted failure (password hashed) takes median ${ms(median(counted))}`);
  if (refused.length) console.log(`  a throttled attempt (nothing hashed) takes median ${ms(median(refused))}`);
  console.log(`  the 50th: HTTP ${fiftieth.status} ${codeOf(fiftieth)}, Retry-After: ${fiftieth.retryAfter} s`);
  console.log(
    `  its message: «${fiftieth.json.errors?.[0]?.message}» / «${english.errors?.[0]?.message}» (the right password, right after)`,
  );

  // 3. The audit trail, as the request role and as the owner.
  const secrets = JSON.parse(await fs.readFile(path.join(server.dataDir, SECRETS_FILE), 'utf8')) as EmbeddedSecrets;
  const port = Number((await fs.readFile(path.join(server.dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]);
  console.log('\naudit_entry:');
  for (const [role, password] of [
    ['par_index_app', secrets.request],
    ['par_index_owner', secrets.owner],
  ] as const) {
    const client = new pg.Client({ connectionString: `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/par_index` });
    await client.connect();
    const answers = [];
    for (const statement of ['update audit_entry set reason = reason', 'delete from audit_entry', 'truncate audit_entry']) {
      const answer = await client.query(statement).then(
        () => 'ALLOWED',
        (error: { code?: string; message: string }) => `${error.code} ${error.message}`,
      );
      answers.push(`  ${role}: ${statement.split(' ')[0]!.toUpperCase()} → ${answer}`);
    }
    await client.end();
    console.log(answers.join('\n'));
  }
} finally {
  await server.stop();
}
