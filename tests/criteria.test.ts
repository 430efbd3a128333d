import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let secretariat: string;
let unitStaff: string;
let districtSetId: number;

const SET_FIELDS = `id year block version status title previousVersionId
  criteria { id code level isLeaf parentId maxPoints kind bands { label minPoints maxPoints } }`;
const TREE = `query($id: Int!) { criteriaSet(id: $id) { ${SET_FIELDS} areas { code maxPoints children { code maxPoints children { code } } } } }`;

/** The version a criterion is at now, for an edit made on it (optimistic concurrency). */
const criterionVersion = async (id: number): Promise<number> =>
  (await t.orm.em.getConnection().execute<{ version: number }[]>('select version from criterion where id = ?', [id]))[0]?.version ?? 1;
const hundredths = (value: string) => Math.round(Number(value) * 100);
type Node = { id: number; code: string; parentId: number | null; maxPoints: string; isLeaf: boolean };

/** Every parent's maximum equals the sum of its children's. */
function expectSumsHold(criteria: Node[]) {
  for (const parent of criteria.filter((node) => !node.isLeaf)) {
    const sum = criteria.filter((node) => node.parentId === parent.id).reduce((acc, node) => acc + hundredths(node.maxPoints), 0);
    expect(hundredths(parent.maxPoints), parent.code).toBe(sum);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await t.login('secretariat');
  unitStaff = await t.login('sontay');
  const sets = await t.gql('{ criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, { token: unitStaff });
  districtSetId = sets.data.criteriaSets[0].id;
});
afterAll(() => t.close());

async function draftCopy(): Promise<any> {
  const created = await t.gql(
    `mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2024, title: "Dự thảo 2024" }) { ${SET_FIELDS} } }`,
    { from: districtSetId },
    { token: secretariat },
  );
  expect(created.errors).toBeUndefined();
  return created.data.createCriteriaSet;
}

describe('reading the published criteria', () => {
  it('gives every signed-in user the published 2023 sets with the 8 areas and the tree', async () => {
    const response = await t.gql(TREE, { id: districtSetId }, { token: unitStaff });
    const set = response.data.criteriaSet;
    expect(set).toMatchObject({ year: 2023, block: 'DISTRICT', status: 'PUBLISHED', version: 1 });
    const areas = set.areas.map((area: { code: string }) => area.code);
    expect(areas.slice(0, 8)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const total = set.areas.slice(0, 8).reduce((acc: number, area: { maxPoints: string }) => acc + hundredths(area.maxPoints), 0);
    expect(total).toBe(10_000);
    const leaves = set.criteria.filter((node: Node) => node.isLeaf);
    // 78 self-scored + 20 survey + 3 bonus + 3 deduction sub-criteria, under 38 criteria (36 in the 8 areas, 2 in section 9).
    expect(leaves.length).toBe(104);
    expect(set.criteria.filter((node: { level: number }) => node.level === 2).length).toBe(38);
    expectSumsHold(set.criteria);
    // Flat list is depth-first: every node comes after its parent.
    const seen = new Set<number>();
    for (const node of set.criteria as Node[]) {
      if (node.parentId !== null) expect(seen.has(node.parentId)).toBe(true);
      seen.add(node.id);
    }
  });

  it('loads a whole tree, or every set with its tree, in a fixed number of SQL statements', async () => {
    const warm = { warmAs: unitStaff };
    const one = await t.recordQueries(() => t.gql(TREE, { id: districtSetId }, { token: unitStaff }), warm);
    expect(one.statements).toHaveLength(2); // the set, its criteria
    const all = await t.recordQueries(
      () =>
        t.gql(
          '{ criteriaSets { id criteria { code parent { code } children { code } } previousVersion { id } } }',
          {},
          { token: unitStaff },
        ),
      warm,
    );
    expect(all.result.errors).toBeUndefined();
    // What unit staff may read: the published 2023, 2022 and 2021 sets of both blocks, and the 2024 district draft under consultation.
    expect(all.result.data.criteriaSets.length).toBe(7);
    expect(all.statements).toHaveLength(2); // the sets, all their criteria
  });

  it('answers NOT_FOUND for an unknown set to who reads every set; FORBIDDEN, as for a draft, to a unit', async () => {
    // Permission before existence (issue 10, item 7): a unit cannot tell a missing set from a draft it may not read.
    expect(errorCode(await t.gql(TREE, { id: 987654 }, { token: unitStaff }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(TREE, { id: 987654 }, { token: secretariat }))).toBe('NOT_FOUND');
  });
});

describe('editing a draft (SECRETARIAT)', () => {
  it('copies a published set into a new draft version that records its origin', async () => {
    const draft = await draftCopy();
    // Versions count on from whatever 2024 drafts exist (the demo seed has one under consultation).
    expect(draft).toMatchObject({ year: 2024, block: 'DISTRICT', status: 'DRAFT', previousVersionId: districtSetId });
    const original = (await t.gql(TREE, { id: districtSetId }, { token: secretariat })).data.criteriaSet;
    expect(draft.criteria.map((c: Node) => [c.code, c.maxPoints])).toEqual(original.criteria.map((c: Node) => [c.code, c.maxPoints]));
    const again = await draftCopy();
    expect(again.version).toBe(draft.version + 1);
  });

  it('keeps a parent’s maximum the sum of its children through add, edit, move and remove', async () => {
    const draft = await draftCopy();
    const area1 = draft.criteria.find((c: Node) => c.code === '1');
    const area2 = draft.criteria.find((c: Node) => c.code === '2');
    const added = await t.gql(
      `mutation($input: AddCriterionInput!) { addCriterion(input: $input) { criteria { id code parentId maxPoints isLeaf } } }`,
      {
        input: {
          criteriaSetId: draft.id,
          parentId: area1.id,
          code: '1.99',
          title: 'Tiêu chí mới',
          maxPoints: '1.25',
          position: 0,
          bands: [
            { label: 'Có', minPoints: '1.25', maxPoints: '1.25' },
            { label: 'Không', minPoints: 0, maxPoints: 0 },
          ],
        },
      },
      { token: secretariat },
    );
    expect(added.errors).toBeUndefined();
    let criteria: Node[] = added.data.addCriterion.criteria;
    expect(hundredths(criteria.find((c) => c.code === '1')!.maxPoints)).toBe(hundredths(area1.maxPoints) + 125);
    expectSumsHold(criteria);
    const newId = criteria.find((c) => c.code === '1.99')!.id;

    const edited = await t.gql(
      `mutation($id: Int!, $v: Int!) { updateCriterion(id: $id, input: { version: $v, maxPoints: "2", title: "Tiêu chí mới (sửa)" }) { criteria { id code parentId maxPoints isLeaf title } } }`,
      { id: newId, v: await criterionVersion(newId) },
      { token: secretariat },
    );
    expect(edited.errors).toBeUndefined();
    criteria = edited.data.updateCriterion.criteria;
    expect(hundredths(criteria.find((c) => c.code === '1')!.maxPoints)).toBe(hundredths(area1.maxPoints) + 200);

    const moved = await t.gql(
      `mutation($id: Int!, $parent: Int!) { moveCriterion(input: { id: $id, parentId: $parent }) { criteria { id code parentId maxPoints isLeaf } } }`,
      { id: newId, parent: area2.id },
      { token: secretariat },
    );
    criteria = moved.data.moveCriterion.criteria;
    expect(criteria.find((c) => c.code === '1')!.maxPoints).toBe(area1.maxPoints);
    expect(hundredths(criteria.find((c) => c.code === '2')!.maxPoints)).toBe(hundredths(area2.maxPoints) + 200);
    expectSumsHold(criteria);

    const removed = await t.gql(
      `mutation($id: Int!) { removeCriterion(id: $id) { criteria { id code parentId maxPoints isLeaf } } }`,
      { id: area2.id },
      { token: secretariat },
    );
    criteria = removed.data.removeCriterion.criteria;
    expect(criteria.some((c) => c.code === '2' || c.code.startsWith('2.') || c.code === '1.99')).toBe(false);
    expectSumsHold(criteria);
  });

  it('refuses broken invariants with a clear code and changes nothing', async () => {
    const draft = await draftCopy();
    const before = JSON.stringify((await t.gql(TREE, { id: draft.id }, { token: secretariat })).data);
    const area3 = draft.criteria.find((c: Node) => c.code === '3');
    const leaf = draft.criteria.find((c: Node & { kind: string }) => c.isLeaf && c.kind === 'SELF_SCORED');
    const update = async (id: number, input: object) =>
      t.gql(
        'mutation($id: Int!, $input: UpdateCriterionInput!) { updateCriterion(id: $id, input: $input) { id } }',
        { id, input: { version: await criterionVersion(id), ...input } },
        { token: secretariat },
      );

    expect(errorCode(await update(area3.id, { maxPoints: '50' }))).toBe('MAX_POINTS_DERIVED');
    const duplicate = await update(leaf.id, { code: '3' });
    expect(duplicate.errors![0]!.extensions).toMatchObject({ code: 'DUPLICATE_CODE', field: 'code' });
    const aboveMax = await update(leaf.id, { bands: [{ label: 'Quá', minPoints: '0', maxPoints: '999' }] });
    expect(aboveMax.errors![0]!.extensions).toMatchObject({ code: 'BAND_ABOVE_MAX', field: 'bands.0' });
    const lowered = await update(leaf.id, { maxPoints: '0.01' });
    expect(errorCode(lowered)).toBe('BAND_ABOVE_MAX');
    const decimals = await update(leaf.id, { maxPoints: '1.005' });
    expect(decimals.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxPoints' });
    expect(errorCode(await update(leaf.id, { maxPoints: '-1' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await update(leaf.id, { maxPoints: 'abc' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await update(leaf.id, { title: '   ' }))).toBe('BAD_USER_INPUT');
    const band = await update(leaf.id, { bands: [{ label: 'Ngược', minPoints: '1', maxPoints: '0.5' }] });
    expect(band.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bands.0' });
    expect(errorCode(await update(424242, { title: 'x' }))).toBe('NOT_FOUND');

    const intoItself = await t.gql(
      'mutation($id: Int!, $p: Int!) { moveCriterion(input: { id: $id, parentId: $p }) { id } }',
      { id: area3.id, p: draft.criteria.find((c: Node) => c.parentId === area3.id).id },
      { token: secretariat },
    );
    expect(errorCode(intoItself)).toBe('MOVE_INTO_ITSELF');
    const foreignParent = await t.gql(
      'mutation($input: AddCriterionInput!) { addCriterion(input: $input) { id } }',
      { input: { criteriaSetId: draft.id, parentId: districtSetId * 100000, code: 'X1', title: 'x', maxPoints: '1' } },
      { token: secretariat },
    );
    expect(foreignParent.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });

    expect(JSON.stringify((await t.gql(TREE, { id: draft.id }, { token: secretariat })).data)).toBe(before);
  });

  it('publishes a draft, archives the version it replaces, and freezes it', async () => {
    const draft = await draftCopy();
    const older = await draftCopy();
    expect(
      (await t.gql('mutation($id: Int!) { publishCriteriaSet(id: $id) { status } }', { id: older.id }, { token: secretariat })).data
        .publishCriteriaSet.status,
    ).toBe('PUBLISHED');
    const published = await t.gql(
      'mutation($id: Int!) { publishCriteriaSet(id: $id) { status publishedAt } }',
      { id: draft.id },
      { token: secretariat },
    );
    expect(published.data.publishCriteriaSet.status).toBe('PUBLISHED');
    const olderNow = await t.gql('query($id: Int!) { criteriaSet(id: $id) { status } }', { id: older.id }, { token: secretariat });
    expect(olderNow.data.criteriaSet.status).toBe('ARCHIVED');
    const leaf = draft.criteria.find((c: Node) => c.isLeaf);
    const edit = await t.gql(
      'mutation($id: Int!) { updateCriterion(id: $id, input: { version: 1, title: "Sửa sau ban hành" }) { id } }',
      { id: leaf.id },
      { token: secretariat },
    );
    expect(errorCode(edit)).toBe('SET_NOT_EDITABLE');
    const republish = await t.gql(
      'mutation($id: Int!) { publishCriteriaSet(id: $id) { status } }',
      { id: draft.id },
      { token: secretariat },
    );
    expect(errorCode(republish)).toBe('SET_NOT_EDITABLE');
  });

  it('refuses to publish a leaf without scoring bands', async () => {
    const empty = await t.gql(
      'mutation { createCriteriaSet(input: { year: 2025, block: DEPARTMENT }) { id } }',
      {},
      { token: secretariat },
    );
    const id = empty.data.createCriteriaSet.id;
    expect(errorCode(await t.gql('mutation($id: Int!) { publishCriteriaSet(id: $id) { id } }', { id }, { token: secretariat }))).toBe(
      'SET_EMPTY',
    );
    await t.gql(
      'mutation($id: Int!) { addCriterion(input: { criteriaSetId: $id, code: "1", title: "Lĩnh vực", maxPoints: 2 }) { id } }',
      { id },
      { token: secretariat },
    );
    const publish = await t.gql('mutation($id: Int!) { publishCriteriaSet(id: $id) { id } }', { id }, { token: secretariat });
    expect(publish.errors![0]!.extensions).toMatchObject({ code: 'LEAF_WITHOUT_BANDS', codes: ['1'] });
  });
});

describe('permissions', () => {
  it('hides drafts from everyone but the secretariat, in lists and by id', async () => {
    const draft = await draftCopy();
    for (const username of ['sontay', 'appraiser', 'analyst']) {
      const token = await t.login(username);
      const list = await t.gql('{ criteriaSets { id status } }', {}, { token });
      // (Drafts under consultation are open to the invited units: see tests/consultation.test.ts.)
      expect(list.data.criteriaSets.every((set: { status: string }) => set.status !== 'DRAFT')).toBe(true);
      const byId = await t.gql(TREE, { id: draft.id }, { token });
      expect(byId.status).toBe(403);
      expect(errorCode(byId)).toBe('FORBIDDEN');
    }
    const own = await t.gql('{ criteriaSets(filter: { status: [DRAFT] }) { id } }', {}, { token: secretariat });
    expect(own.data.criteriaSets.map((set: { id: number }) => set.id)).toContain(draft.id);
  });

  it('lets only the secretariat write criteria', async () => {
    const draft = await draftCopy();
    const leaf = draft.criteria.find((c: Node) => c.isLeaf);
    for (const username of ['sontay', 'sontay.lead', 'appraiser', 'analyst', 'admin']) {
      const token = await t.login(username);
      expect(errorCode(await t.gql('mutation { createCriteriaSet(input: { year: 2024, block: DISTRICT }) { id } }', {}, { token }))).toBe(
        'FORBIDDEN',
      );
      expect(
        errorCode(
          await t.gql(
            'mutation($id: Int!) { updateCriterion(id: $id, input: { version: 1, title: "x" }) { id } }',
            { id: leaf.id },
            { token },
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await t.gql('mutation($id: Int!) { publishCriteriaSet(id: $id) { id } }', { id: draft.id }, { token }))).toBe(
        'FORBIDDEN',
      );
    }
    const anonymous = await t.gql('{ criteriaSets { id } }');
    expect(anonymous.status).toBe(401);
  });
});
