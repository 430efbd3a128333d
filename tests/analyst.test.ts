import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { handWorkedFixture, type HandWorked } from './support/results-fixtures.ts';

let t: TestApp;
let fx: HandWorked;
let secretariat: string;
let analyst: string;
let sontay: string;

beforeAll(async () => {
  t = await startTestApp();
  fx = await handWorkedFixture(t.orm);
  [secretariat, analyst, sontay] = await Promise.all(['secretariat', 'analyst', 'sontay'].map((name) => t.login(name)));
});
afterAll(() => t.close());

const RECORDS = `query($filter: ScoreRecordFilter!, $first: Int!, $after: String, $orderBy: [ScoreRecordOrder!]) {
  scoreRecords(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    aggregates { count self { sum avg min max } final { sum avg min max } }
    nodes { unit { code } criterion { code maxPoints kind } areaCode sheetStatus applicable selfPoints appraisalVisible round1Points round2Points finalPoints }
  }
}`;
const GROUPS = `query($filter: ScoreRecordFilter!, $groupBy: ScoreGroupBy!, $first: Int!) {
  scoreAggregates(filter: $filter, groupBy: $groupBy, first: $first) {
    totalCount nodes { key label count scoredCount applicableCount self { sum avg min max } final { sum avg min max } }
  }
}`;

describe('score records for analysts', () => {
  it('filters, sorts and pages every score row, with totals, and shows appraisals only to whom the rules allow', async () => {
    const filter = { periodId: fx.period2030, unitIds: [fx.units.A] };
    const asSecretariat = (await t.gql(RECORDS, { filter, first: 3, orderBy: [{ field: 'CRITERION_CODE' }] }, { token: secretariat })).data
      .scoreRecords;
    // A has 7 score rows: 1.1, 1.2, 2.1, 2.2, 9.1.1, 9.1.2, 9.2.1.
    expect(asSecretariat.totalCount).toBe(7);
    expect(asSecretariat.nodes.map((n: any) => n.criterion.code)).toEqual(['1.1', '1.2', '2.1']);
    expect(asSecretariat.nodes[1]).toMatchObject({
      selfPoints: '6.00',
      round1Points: '4.50',
      round2Points: '5.00',
      finalPoints: '5.00',
      appraisalVisible: true,
      areaCode: '1',
    });
    // Self: 4 + 6 + 2 + 3 + 1 + 1 = 17 over 6 scored rows; final: 4 + 5 + 2 + 2.5 + 0.5 + 1 + 0.25 = 15.25.
    expect(asSecretariat.aggregates).toEqual({
      count: 7,
      self: { sum: '17.00', avg: '2.83', min: '1.00', max: '6.00' },
      final: { sum: '15.25', avg: '2.18', min: '0.25', max: '5.00' },
    });
    const next = (
      await t.gql(
        RECORDS,
        { filter, first: 3, after: asSecretariat.pageInfo.endCursor, orderBy: [{ field: 'CRITERION_CODE' }] },
        { token: secretariat },
      )
    ).data.scoreRecords;
    expect(next.nodes.map((n: any) => n.criterion.code)).toEqual(['2.2', '9.1.1', '9.1.2']);

    // Analysts read every sheet, but the appraisal only once the results are published.
    const asAnalyst = (await t.gql(RECORDS, { filter, first: 3, orderBy: [{ field: 'CRITERION_CODE' }] }, { token: analyst })).data
      .scoreRecords;
    expect(asAnalyst.totalCount).toBe(7);
    expect(asAnalyst.nodes[1]).toMatchObject({ selfPoints: '6.00', appraisalVisible: false, round1Points: null, finalPoints: null });
    // A unit reads only its own sheets.
    expect((await t.gql(RECORDS, { filter: { periodId: fx.period2030 }, first: 10 }, { token: sontay })).data.scoreRecords.totalCount).toBe(
      0,
    );
  });

  it('finds the scores the appraisal changed, largest cut first', async () => {
    const changed = (
      await t.gql(
        RECORDS,
        { filter: { periodId: fx.period2030, changedByAppraisal: true }, first: 10, orderBy: [{ field: 'GAP', direction: 'ASC' }] },
        { token: secretariat },
      )
    ).data.scoreRecords;
    // F 2.2 (3 → 1), A 1.2 (6 → 5), then A 2.2 and A 9.1.1 (−0.5 each), B 9.2.2 (+0.5); A 9.2.1 has no self-score (gap unknown: last).
    expect(changed.nodes.map((n: any) => `${n.unit.code} ${n.criterion.code}`)).toEqual([
      'XF 2.2',
      'XA 1.2',
      'XA 2.2',
      'XA 9.1.1',
      'XB 9.2.2',
      'XA 9.2.1',
    ]);
    const notApplicable = (
      await t.gql(RECORDS, { filter: { periodId: fx.period2030, applicable: false, areaCodes: ['1'] }, first: 10 }, { token: secretariat })
    ).data.scoreRecords;
    expect(notApplicable.nodes.map((n: any) => `${n.unit.code} ${n.criterion.code}`)).toEqual(['XB 1.2', 'XC 1.1', 'XC 1.2', 'XF 1.1']);
    const range = (
      await t.gql(
        RECORDS,
        { filter: { periodId: fx.period2030, selfPoints: { min: '5.5' }, kinds: ['SELF_SCORED'] }, first: 10 },
        { token: secretariat },
      )
    ).data.scoreRecords;
    expect(range.nodes.map((n: any) => `${n.unit.code} ${n.criterion.code}`)).toEqual(['XA 1.2', 'XD 1.2']);
  });

  it('aggregates count, sum, avg, min and max by area, unit and criterion', async () => {
    const byArea = (
      await t.gql(
        GROUPS,
        { filter: { periodId: fx.period2030, unitIds: [fx.units.A] }, groupBy: 'AREA', first: 10 },
        { token: secretariat },
      )
    ).data.scoreAggregates;
    expect(byArea.nodes.map((n: any) => [n.key, n.count, n.self.sum, n.final.sum])).toEqual([
      ['1', 2, '10.00', '9.00'],
      ['2', 2, '5.00', '4.50'],
      ['9', 3, '2.00', '1.75'],
    ]);
    const byUnit = (
      await t.gql(
        GROUPS,
        { filter: { periodId: fx.period2030, criterionCodes: ['2.2'] }, groupBy: 'UNIT', first: 10 },
        { token: secretariat },
      )
    ).data.scoreAggregates;
    expect(byUnit.nodes.map((n: any) => [n.key, n.self.sum, n.final.min])).toEqual([
      ['XA', '3.00', '2.50'],
      ['XB', '3.00', '3.00'],
      ['XC', null, null],
      ['XD', '3.00', '3.00'],
      ['XF', '3.00', '1.00'],
    ]);
    const byCriterion = (
      await t.gql(
        GROUPS,
        { filter: { periodId: fx.period2030, kinds: ['SELF_SCORED'] }, groupBy: 'CRITERION', first: 2 },
        { token: secretariat },
      )
    ).data.scoreAggregates;
    expect(byCriterion.totalCount).toBe(4);
    expect(byCriterion.nodes[0]).toMatchObject({
      key: '1.1',
      count: 5,
      scoredCount: 3,
      applicableCount: 3,
      self: { sum: '11.00', avg: '3.67', min: '3.00', max: '4.00' },
    });
  });

  it('reads a page of score records in one statement', async () => {
    const { result, statements } = await t.recordQueries(
      () => t.gql(RECORDS, { filter: { periodId: fx.period2030 }, first: 50 }, { token: secretariat }),
      { warmAs: secretariat },
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });

  it('refuses bad paging and filters with a clear error', async () => {
    expect(
      (await t.gql(RECORDS, { filter: { periodId: fx.period2030 }, first: 101 }, { token: analyst })).errors![0]!.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorCode(await t.gql(RECORDS, { filter: {}, first: 10 }, { token: analyst }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(RECORDS, { filter: { periodId: fx.period2030, colour: 1 }, first: 10 }, { token: analyst }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await t.gql(RECORDS, { filter: { periodId: fx.period2030 }, first: 10, after: 'Zm9v' }, { token: analyst })).errors![0]!.extensions,
    ).toMatchObject({ field: 'after' });
    expect(
      (await t.gql(GROUPS, { filter: { periodId: fx.period2030 }, groupBy: 'PLANET', first: 10 }, { token: analyst })).errors![0]!
        .extensions!.code,
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(RECORDS, { filter: { periodId: fx.period2030 }, first: 10 }))).toBe('UNAUTHENTICATED');
  });
});

describe('evidence metadata for analysts', () => {
  const EVIDENCE = `query($filter: EvidenceRecordFilter!, $first: Int!) {
    evidenceRecords(filter: $filter, first: $first) {
      totalCount aggregates { count totalBytes }
      nodes { unit { code } fileName documentNumber issueDate issuingBody title contentType size criterionCodes frozen }
    }
  }`;
  let period2023: number;
  beforeAll(async () => {
    period2023 = (await t.gql('{ periods(year: 2023) { id } }', {}, { token: analyst })).data.periods[0].id;
  });

  it('lists Sơn Tây’s demo documents with their citation and the sub-criteria they support', async () => {
    const response = await t.gql(EVIDENCE, { filter: { periodId: period2023 }, first: 10 }, { token: analyst });
    expect(response.errors).toBeUndefined();
    const records = response.data.evidenceRecords;
    expect(records.totalCount).toBe(3);
    expect(records.aggregates.totalBytes).toBe(records.nodes.reduce((sum: number, n: any) => sum + n.size, 0));
    const plan = records.nodes.find((n: any) => n.documentNumber === '243/KH-UBND');
    expect(plan).toMatchObject({ unit: { code: 'SONTAY' }, issueDate: '2023-01-05', contentType: 'application/pdf', frozen: false });
    expect(plan.criterionCodes).toEqual(['1.1.1', '1.1.2', '1.4.1']);
    const filtered = await t.gql(
      EVIDENCE,
      { filter: { periodId: period2023, issuedFrom: '2023-01-01', search: 'kế hoạch' }, first: 10 },
      { token: analyst },
    );
    expect(filtered.data.evidenceRecords.nodes.map((n: any) => n.documentNumber)).toEqual(['243/KH-UBND']);
    const byCriterion = await t.gql(
      EVIDENCE,
      { filter: { periodId: period2023, criterionCodes: plan.criterionCodes.slice(0, 1) }, first: 10 },
      { token: analyst },
    );
    expect(byCriterion.data.evidenceRecords.nodes.map((n: any) => n.documentNumber)).toContain('243/KH-UBND');
  });

  it('follows the sheet rules: a unit sees only its own documents; bad dates are refused', async () => {
    expect(
      (await t.gql(EVIDENCE, { filter: { periodId: period2023 }, first: 10 }, { token: sontay })).data.evidenceRecords.totalCount,
    ).toBe(3);
    const thanhoai = await t.login('thanhoai');
    expect(
      (await t.gql(EVIDENCE, { filter: { periodId: period2023 }, first: 10 }, { token: thanhoai })).data.evidenceRecords.totalCount,
    ).toBe(0);
    const badDate = await t.gql(EVIDENCE, { filter: { periodId: period2023, issuedFrom: '2023-13-45' }, first: 10 }, { token: analyst });
    expect(badDate.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedFrom' });
  });
});

describe('GraphiQL console and the analysts’ documentation', () => {
  it('serves GraphiQL and its scripts from the app itself, with example queries that run', async () => {
    const page = await fetch(`${t.url}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    for (const src of html.match(/(?<=(src|href)=")[^"]+/g)!) {
      const asset = await fetch(`${t.url}${src}`);
      expect(asset.status, src).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(src.endsWith('start.js') ? 500 : 10_000);
    }
    const start = await (await fetch(`${t.url}/graphiql/start.js`)).text();
    const tabs = JSON.parse(start.match(/var tabs = (\[.*\]);/)![1]!) as { query: string; variables?: string }[];
    expect(tabs.length).toBe(7); // the example queries of the console, each run below
    for (const tab of tabs) {
      const response = await t.gql(tab.query, tab.variables ? JSON.parse(tab.variables) : {}, { token: analyst });
      expect(response.errors, tab.query.split('\n')[0]).toBeUndefined();
    }
  });

  it('runs the curl examples of docs/analysts.md as written (against this server)', async () => {
    const markdown = await fs.readFile('docs/analysts.md', 'utf8');
    const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBe(2);
    const dir = await fs.mkdtemp('/tmp/par-curl-');
    const script = blocks.join('\necho\n').replaceAll('http://localhost:3000', t.url);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir });
    const body = JSON.parse(stdout.trim());
    expect(body.errors).toBeUndefined();
    expect(body.data.periodResults.totalCount).toBe(30);
    expect(body.data.periodResults.nodes).toHaveLength(5);
    expect(body.data.periodResults.nodes[0]).toMatchObject({ rank: 1, group: { code: 'A' } });
    expect(body.data.periodResults.nodes[0].details.areas).toHaveLength(8);
    const xlsx = await fs.readFile(`${dir}/ket-qua-2022.xlsx`);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    await fs.rm(dir, { recursive: true, force: true });
  });
});
