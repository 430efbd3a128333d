import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../server/query-limits.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { tableChecksum } from '../support/checksum.ts';
import * as files from '../support/files.ts';
import { readSheet, scoringContext } from '../support/scoring.ts';

/**
 * Issue 10, the bad-input corpus: one table of cases over GraphQL and the HTTP routes (unclean
 * text in every kind of text argument, wrong types, huge numbers, bad ids, bad pages, malformed or
 * oversized requests, over-complex queries, disguised files, broken and truncated multiparts).
 * Each case must answer below 500 with the expected code, carry no stack trace, server path or SQL,
 * and change no row: a checksum of every table is taken before and after.
 */
let t: TestApp;
let sontay: string;
let analyst: string;
let sheetId: number;
let periodId: number;

beforeAll(async () => {
  t = await startTestApp();
  const context = await scoringContext(t);
  ({ sontay, periodId } = context);
  analyst = await t.login('analyst');
  sheetId = (await readSheet(t, sontay, periodId, context.unitId('SONTAY'))).data.scoreSheet.id;
});
afterAll(() => t.close());

const checksum = () => tableChecksum(t);

interface Answer {
  status: number;
  code: string | undefined;
  body: string;
}

async function answerOf(response: Response): Promise<Answer> {
  const body = await response.text();
  let code: string | undefined;
  try {
    const json = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[]; error?: { code?: string } };
    code = json.errors?.[0]?.extensions?.code ?? json.error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code, body };
}

const gqlRequest =
  (query: string, variables: Record<string, unknown>, token = sontay) =>
  () =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });

const rawGraphql =
  (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST') =>
  () =>
    fetch(`${t.url}/graphql`, { method, headers: { authorization: `Bearer ${sontay}`, ...headers }, body });

function multipart(parts: { name: string; fileName?: string; content: Buffer | string }[], close = true) {
  const boundary = 'XXcorpusXX';
  const chunks = parts.map((part) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}\r\n\r\n`,
      ),
      Buffer.from(part.content),
      Buffer.from('\r\n'),
    ]),
  );
  return {
    body: Buffer.concat([...chunks, Buffer.from(close ? `--${boundary}--\r\n` : '')]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const upload =
  (parts: Parameters<typeof multipart>[0], options: { close?: boolean; sheet?: string } = {}) =>
  () => {
    const { body, type } = multipart(parts, options.close ?? true);
    return fetch(`${t.url}/api/evidence/score-sheets/${options.sheet ?? sheetId}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sontay}`, 'content-type': type },
      body,
    });
  };

interface Case {
  name: string;
  send: () => Promise<Response>;
  /** Acceptable codes (any one). */
  codes: string[];
}

const UNCLEAN: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['bell', 'a\u0007b'],
  ['escape', '\u001b[2J'],
  ['backspace', 'ab\u0008'],
  ['DEL', 'a\u007fb'],
  ['C1 NEL', 'a\u0085b'],
  ['lone high surrogate', 'a\ud800'],
  ['lone low surrogate', '\udc00b'],
  ['right-to-left override', 'evil\u202etxt.exe'],
];

/** Every kind of text argument, each as the one bad string `s`. */
const TEXT_TARGETS: [string, string, (s: string) => Record<string, unknown>][] = [
  ['login username', 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', (s) => ({ u: s, p: 'x' })],
  ['login password', 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', (s) => ({ u: 'sontay', p: s })],
  ['appraisal comment', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', (s) => ({ i: { scoreId: 1, body: s } })],
  ['comment edit', 'mutation($i: EditCommentInput!) { editComment(input: $i) { id } }', (s) => ({ i: { id: 1, version: 1, body: s } })],
  [
    'consultation feedback',
    'mutation($i: FeedbackCommentInput!) { addFeedbackComment(input: $i) { id } }',
    (s) => ({ i: { consultationId: 1, aspect: 'GENERAL', text: s } }),
  ],
  [
    'proposed wording',
    'mutation($i: FeedbackCommentInput!) { addFeedbackComment(input: $i) { id } }',
    (s) => ({ i: { consultationId: 1, aspect: 'GENERAL', text: 'ok', proposedWording: s } }),
  ],
  [
    'evidence title',
    'mutation($i: UpdateEvidenceInput!) { updateEvidence(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, title: s } }),
  ],
  [
    'document number',
    'mutation($i: UpdateEvidenceInput!) { updateEvidence(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, documentNumber: s } }),
  ],
  [
    'issuing body',
    'mutation($i: UpdateEvidenceInput!) { updateEvidence(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, issuingBody: s } }),
  ],
  [
    'new username',
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    (s) => ({ i: { username: s, displayName: 'A', password: 'mat-khau-dai-du', roles: ['ANALYST'] } }),
  ],
  [
    'display name',
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    (s) => ({ i: { username: 'moi', displayName: s, password: 'mat-khau-dai-du', roles: ['ANALYST'] } }),
  ],
  ['user rename', 'mutation($i: UpdateUserInput!) { updateUser(id: 1, input: $i) { id } }', (s) => ({ i: { version: 1, displayName: s } })],
  [
    'criterion title',
    'mutation($i: UpdateCriterionInput!) { updateCriterion(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, title: s } }),
  ],
  [
    'scoring method',
    'mutation($i: UpdateCriterionInput!) { updateCriterion(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, scoringMethod: s } }),
  ],
  [
    'answer template',
    'mutation($i: ResponseTemplateInput!) { createResponseTemplate(input: $i) { id } }',
    (s) => ({ i: { title: s, resolution: 'ACCEPTED' } }),
  ],
  [
    'consultation title',
    'mutation($i: UpdateConsultationInput!) { updateConsultation(id: 1, input: $i) { id } }',
    (s) => ({ i: { version: 1, title: s } }),
  ],
  [
    'self-score note',
    'mutation($i: SaveSelfScoreInput!) { saveSelfScore(input: $i) { id } }',
    (s) => ({ i: { sheetId: 1, criterionId: 1, version: 1, note: s } }),
  ],
  ['reopening reason', 'mutation($r: String!) { reopenSelfAssessment(sheetId: 1, reason: $r) { id } }', (s) => ({ r: s })],
  ['withdrawal reason', 'mutation($r: String!) { withdrawResults(periodId: 1, reason: $r) { id } }', (s) => ({ r: s })],
  [
    'filter text',
    'query($f: ScoreRecordFilter!) { scoreRecords(filter: $f, first: 1) { totalCount } }',
    (s) => ({ f: { periodId: 1, areaCodes: [s] } }),
  ],
];

const DELETE = 'mutation($id: Int!) { deleteEvidence(id: $id) { id } }';
const SAVE = 'mutation($i: SaveSelfScoreInput!) { saveSelfScore(input: $i) { id } }';
const PAGE =
  'query($p: Int!, $first: Int!, $after: String) { scoreRecords(filter: { periodId: $p }, first: $first, after: $after) { totalCount } }';
const nested = (levels: number) => `{ criteriaSets { criteria { ${'children { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;

const cases = (): Case[] => [
  ...TEXT_TARGETS.flatMap(([target, query, variables]) =>
    UNCLEAN.map(([kind, text]) => ({ name: `${kind} in ${target}`, send: gqlRequest(query, variables(text)), codes: ['BAD_USER_INPUT'] })),
  ),
  ...(
    [
      ['a word', 'abc'],
      ['a fraction', 1.5],
      ['past 32 bits', 2 ** 31],
      ['past 53 bits', 2 ** 60],
      ['1e308', 1e308],
      ['null', null],
      ['a list', [1]],
      ['an object', { id: 1 }],
      ['a boolean', true],
      ['an empty string', ''],
    ] as [string, unknown][]
  ).map(([kind, id]) => ({ name: `${kind} as an Int id`, send: gqlRequest(DELETE, { id }), codes: ['BAD_USER_INPUT'] })),
  ...['abc', '1e5', '-', '1.2.3', '99999999999999999999.5', 'NaN', 'Infinity', '0x10'].map((points) => ({
    name: `"${points}" as points`,
    send: gqlRequest(SAVE, { i: { sheetId, criterionId: 1, version: 1, points } }),
    codes: ['BAD_USER_INPUT'],
  })),
  {
    name: 'an unknown enum value',
    send: gqlRequest('mutation($i: FeedbackCommentInput!) { addFeedbackComment(input: $i) { id } }', {
      i: { consultationId: 1, aspect: 'NOPE', text: 'x' },
    }),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a date that is no date',
    send: gqlRequest('mutation($i: UpdateConsultationInput!) { updateConsultation(id: 1, input: $i) { id } }', {
      i: { version: 1, closesAt: 'hôm qua' },
    }),
    codes: ['BAD_USER_INPUT'],
  },
  ...(
    [
      ['deleteEvidence', 'mutation { deleteEvidence(id: 987654321) { id } }'],
      ['updateEvidence', 'mutation { updateEvidence(id: 987654321, input: { version: 1, title: "x" }) { id } }'],
      ['editComment', 'mutation { editComment(input: { id: 987654321, version: 1, body: "x" }) { id } }'],
      ['resolveComment', 'mutation { resolveComment(id: 987654321) { id } }'],
      ['withdrawFeedbackComment', 'mutation { withdrawFeedbackComment(id: 987654321) { id } }'],
      ['closeConsultation', 'mutation { closeConsultation(id: 987654321) { id } }'],
      ['publishCriteriaSet', 'mutation { publishCriteriaSet(id: 987654321) { id } }'],
      ['submitSelfAssessment', 'mutation { submitSelfAssessment(sheetId: 987654321) { id } }'],
      ['scoreSheet', `{ scoreSheet(periodId: 987654321, unitId: 1) { id } }`],
      ['updatePlanTask', 'mutation { updatePlanTask(id: 987654321, input: { version: 1, title: "x", area: 1 }) { id } }'],
      ['updateTaskProgress', 'mutation { updateTaskProgress(id: 987654321, input: { version: 1, status: DONE, progress: 100 }) { id } }'],
      ['requestTaskChange', 'mutation { requestTaskChange(input: { taskId: 987654321, kind: CANCEL, reason: "x" }) { id } }'],
      ['decideTaskChange', 'mutation { decideTaskChange(id: 987654321, approve: true) { id } }'],
      [
        'updateInspection',
        'mutation { updateInspection(id: 987654321, input: { version: 1, year: 2023, target: "x", inspectedOn: "2023-06-01" }) { id } }',
      ],
      ['deleteInspection', 'mutation { deleteInspection(id: 987654321) }'],
      ['returnReport', 'mutation { returnReport(input: { reportId: 987654321, comment: "x" }) { id } }'],
      ['acceptReport', 'mutation { acceptReport(id: 987654321) { id } }'],
      ['periodResults', '{ periodResults(periodId: 987654321, first: 5) { totalCount } }'],
      ['unitResult', '{ unitResult(periodId: 987654321, unitId: 1) { index } }'],
      ['resultComparison', '{ resultComparison(periodId: 987654321, unitId: 1) { unitId } }'],
      ['calibration', '{ calibration(periodId: 987654321, by: UNIT, first: 5) { totalCount } }'],
    ] as [string, string][]
  ).map(([name, query]) => ({
    // Sơn Tây's staff may not read every row of any of these kinds: a missing id answers as a forbidden one does.
    name: `a missing id in ${name}`,
    send: gqlRequest(query, {}),
    codes: ['FORBIDDEN'],
  })),
  ...(
    [
      ['a negative id', 'mutation { deleteEvidence(id: -5) { id } }'],
      ['id zero', 'mutation { updateEvidence(id: 0, input: { version: 1, title: "x" }) { id } }'],
    ] as [string, string][]
  ).map(([name, query]) => ({
    name,
    send: gqlRequest(query, {}),
    codes: ['FORBIDDEN', 'BAD_USER_INPUT'],
  })),
  ...(
    [
      ['first: -1', { first: -1 }],
      ['first: 101', { first: 101 }],
      ['first: 1,000,000', { first: 1_000_000 }],
      ['a made-up cursor', { first: 10, after: 'bm90LWEtY3Vyc29y' }],
      ['a cursor that is not base64', { first: 10, after: '%%%' }],
    ] as [string, Record<string, unknown>][]
  ).map(([name, page]) => ({
    name: `a page with ${name}`,
    send: () => gqlRequest(PAGE, { p: periodId, ...page }, analyst)(),
    // A page that large is refused by its cost before its size is checked.
    codes: ['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'],
  })),
  { name: 'cut JSON', send: rawGraphql('{"query": "{ me { id } '), codes: ['MALFORMED_REQUEST'] },
  { name: 'a JSON string body', send: rawGraphql('"{ me { id } }"'), codes: ['BAD_REQUEST', 'MALFORMED_REQUEST'] },
  { name: 'an empty body', send: rawGraphql(''), codes: ['BAD_REQUEST', 'MALFORMED_REQUEST'] },
  { name: 'no query', send: rawGraphql('{"variables": {}}'), codes: ['BAD_REQUEST'] },
  { name: 'a number as the query', send: rawGraphql('{"query": 42}'), codes: ['BAD_REQUEST'] },
  { name: 'variables as a string', send: rawGraphql('{"query": "{ me { id } }", "variables": "x"}'), codes: ['BAD_REQUEST'] },
  {
    name: 'text/plain (no CSRF preflight)',
    send: rawGraphql('{"query": "{ me { id } }"}', { 'content-type': 'text/plain' }),
    codes: ['BAD_REQUEST'],
  },
  { name: 'a mutation over GET', send: rawGraphql(undefined, { 'apollo-require-preflight': '1' }, 'GET'), codes: ['BAD_REQUEST'] },
  { name: 'a syntax error', send: gqlRequest('{ me { id }', {}), codes: ['GRAPHQL_PARSE_FAILED'] },
  { name: 'an unknown field', send: gqlRequest('{ me { password } }', {}), codes: ['GRAPHQL_VALIDATION_FAILED'] },
  { name: 'a missing required argument', send: gqlRequest('mutation { deleteEvidence { id } }', {}), codes: ['GRAPHQL_VALIDATION_FAILED'] },
  {
    name: 'two operations, none named',
    send: gqlRequest('query A { me { id } } query B { me { id } }', {}),
    codes: ['OPERATION_RESOLUTION_FAILURE'],
  },
  {
    name: 'a body over 1 MB',
    send: rawGraphql(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1_100_000)}` })),
    codes: ['REQUEST_TOO_LARGE'],
  },
  {
    name: 'a batch',
    send: rawGraphql(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }])),
    codes: ['BAD_REQUEST'],
  },
  { name: 'too deep', send: gqlRequest(nested(QUERY_LIMITS.depth + 2), {}), codes: ['QUERY_TOO_COMPLEX'] },
  {
    name: 'too many aliases',
    send: gqlRequest(`{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}),
    codes: ['QUERY_TOO_COMPLEX'],
  },
  { name: 'too many tokens', send: gqlRequest(`{ me { ${'id '.repeat(QUERY_LIMITS.tokens + 10)} } }`, {}), codes: ['QUERY_TOO_COMPLEX'] },
  {
    name: 'too many directives',
    send: gqlRequest(`{ me { ${'id @skip(if: false) '.repeat(QUERY_LIMITS.directives + 5)} } }`, {}),
    codes: ['QUERY_TOO_COMPLEX'],
  },
  {
    name: 'the 1,000-alias query',
    send: gqlRequest(
      `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: periodResults(periodId: 1, first: 100) { nodes { rank } }`).join(' ')} }`,
      {},
    ),
    codes: ['QUERY_TOO_COMPLEX'],
  },
  { name: 'an upload without a file', send: upload([{ name: 'title', content: 'x' }]), codes: ['BAD_USER_INPUT'] },
  { name: 'an empty file', send: upload([{ name: 'file', fileName: 'rong.pdf', content: '' }]), codes: ['EMPTY_FILE'] },
  {
    name: 'a program named .pdf',
    send: upload([{ name: 'file', fileName: 'ke-hoach.pdf', content: files.exe() }]),
    codes: ['UNSUPPORTED_FILE_TYPE'],
  },
  {
    name: 'a web page named .docx',
    send: upload([{ name: 'file', fileName: 'bao-cao.docx', content: '<html><script>alert(1)</script></html>' }]),
    codes: ['UNSUPPORTED_FILE_TYPE'],
  },
  {
    name: 'a PowerPoint named .xlsx',
    send: upload([{ name: 'file', fileName: 'so-lieu.xlsx', content: files.pptx() }]),
    codes: ['UNSUPPORTED_FILE_TYPE'],
  },
  {
    name: 'plain text named .pdf',
    send: upload([{ name: 'file', fileName: 'x.pdf', content: 'chỉ là chữ' }]),
    codes: ['UNSUPPORTED_FILE_TYPE'],
  },
  {
    name: 'a file name with a path',
    send: upload([{ name: 'file', fileName: '../../etc/passwd.pdf', content: files.pdf() }]),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a file name with a control character',
    send: upload([{ name: 'file', fileName: 'a\u0007.pdf', content: files.pdf() }]),
    codes: ['BAD_USER_INPUT', 'BAD_UPLOAD'],
  },
  {
    name: 'an unknown part',
    send: upload([
      { name: 'password', content: 'x' },
      { name: 'file', fileName: 'a.pdf', content: files.pdf() },
    ]),
    codes: ['BAD_UPLOAD'],
  },
  {
    name: 'two files',
    send: upload([
      { name: 'file', fileName: 'a.pdf', content: files.pdf('a') },
      { name: 'file', fileName: 'b.pdf', content: files.pdf('b') },
    ]),
    codes: ['BAD_UPLOAD'],
  },
  {
    name: 'a multipart cut before its end',
    send: upload([{ name: 'file', fileName: 'a.pdf', content: files.pdf() }], { close: false }),
    codes: ['BAD_UPLOAD'],
  },
  {
    name: 'an issue date that is no date',
    send: upload([
      { name: 'issueDate', content: '31/02/2023' },
      { name: 'file', fileName: 'a.pdf', content: files.pdf() },
    ]),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a document number with NUL',
    send: upload([
      { name: 'documentNumber', content: '12\u0000/KH' },
      { name: 'file', fileName: 'a.pdf', content: files.pdf() },
    ]),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a criterion id that is no number',
    send: upload([
      { name: 'criterionId', content: 'một' },
      { name: 'file', fileName: 'a.pdf', content: files.pdf() },
    ]),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a sheet id that is no number',
    send: upload([{ name: 'file', fileName: 'a.pdf', content: files.pdf() }], { sheet: 'abc' }),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a sheet that does not exist',
    send: upload([{ name: 'file', fileName: 'a.pdf', content: files.pdf() }], { sheet: '987654321' }),
    codes: ['FORBIDDEN'],
  },
  {
    name: 'JSON sent to an upload route',
    send: () =>
      fetch(`${t.url}/api/evidence/score-sheets/${sheetId}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sontay}`, 'content-type': 'application/json' },
        body: '{"file": "x"}',
      }),
    codes: ['BAD_UPLOAD'],
  },
  {
    name: 'a download id that is no number',
    send: () => fetch(`${t.url}/api/evidence/abc/download`, { headers: { authorization: `Bearer ${sontay}` } }),
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'a download that does not exist',
    send: () => fetch(`${t.url}/api/evidence/987654321/download`, { headers: { authorization: `Bearer ${sontay}` } }),
    codes: ['FORBIDDEN'],
  },
  {
    name: 'an export for a period that is no number',
    send: () => fetch(`${t.url}/api/results/results.xlsx?periodId=abc`, { headers: { authorization: `Bearer ${analyst}` } }),
    codes: ['BAD_USER_INPUT'],
  },
];

const LEAKS = /\bat \S+ \(|node_modules|\/work\/|\/tmp\/|\.ts:\d+|\bselect\s.+\sfrom\s|\binsert into\b|\bupdate \S+ set\b/i;

describe('the bad-input corpus', () => {
  it('has at least 200 cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case below 500, with its code, no stack, path or SQL, and changes no row', async () => {
    const failures: string[] = [];
    let before = await checksum();
    for (const { name, send, codes } of cases()) {
      const answer = await answerOf(await send());
      const after = await checksum();
      if (answer.status >= 500) failures.push(`${name}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
      else if (!codes.includes(answer.code ?? ''))
        failures.push(`${name}: ${answer.code} (wanted ${codes.join('|')}) ${answer.body.slice(0, 200)}`);
      if (LEAKS.test(answer.body)) failures.push(`${name}: leaks ${LEAKS.exec(answer.body)![0]}`);
      if (after !== before) failures.push(`${name}: changed rows`);
      before = after;
    }
    console.log(`bad-input corpus: ${cases().length} cases, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 300_000);
});
