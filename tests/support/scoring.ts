import type { GraphQLResponse, TestApp } from './app.ts';

export const NODE_FIELDS = `criterion { id code isLeaf kind maxPoints bands { minPoints maxPoints } } achieved applicableMax percent
  progress { scored total }
  score { id points note applicable notApplicableReason version links { frozenSha256 evidence { id documentNumber issueDate sha256 } } }`;

export const SHEET_FIELDS = `id periodId unitId criteriaSetId status editable lockReason deadline submittedAt
  progress { scored total } totals { achieved applicableMax percent bonus deduction total surveyMax }
  nodes { ${NODE_FIELDS} }
  evidence { id fileName contentType size sha256 documentNumber issueDate issuingBody title linkedCriterionIds downloadUrl }`;

export const SHEET = `query($periodId: Int!, $unitId: Int!) { scoreSheet(periodId: $periodId, unitId: $unitId) { ${SHEET_FIELDS} } }`;

export const SAVE = `mutation($input: SaveSelfScoreInput!) { saveSelfScore(input: $input) { id progress { scored total } } }`;

export interface SheetNode {
  criterion: {
    id: number;
    code: string;
    isLeaf: boolean;
    kind: string;
    maxPoints: string;
    bands: { minPoints: string; maxPoints: string }[];
  };
  achieved: string;
  applicableMax: string;
  percent: string | null;
  progress: { scored: number; total: number };
  score: {
    id: number;
    points: string | null;
    note: string | null;
    applicable: boolean;
    notApplicableReason: string | null;
    version: number;
    links: {
      frozenSha256: string | null;
      evidence: { id: number; documentNumber: string | null; issueDate: string | null; sha256: string };
    }[];
  } | null;
}

export async function readSheet(t: TestApp, token: string, periodId: number, unitId: number, locale?: string): Promise<GraphQLResponse> {
  return t.gql(SHEET, { periodId, unitId }, { token, locale });
}

export const leaf = (sheet: { nodes: SheetNode[] }, code: string): SheetNode => {
  const node = sheet.nodes.find((n) => n.criterion.code === code);
  if (!node) throw new Error(`no criterion ${code}`);
  return node;
};

/** The period, unit ids and tokens the scoring tests share. */
export async function scoringContext(t: TestApp) {
  const sontay = await t.login('sontay');
  const periods = await t.gql('{ periods(year: 2023) { id } units { id code } }', {}, { token: sontay });
  const unitId = (code: string) => periods.data.units.find((u: { code: string }) => u.code === code).id as number;
  return { sontay, periodId: periods.data.periods.at(-1).id as number, unitId };
}

/** Gives every self-scored sub-criterion still without a score (but those in `skip`) its top band, with an explanation. */
export async function fillSheet(t: TestApp, token: string, sheet: { id: number; nodes: SheetNode[] }, skip: string[] = []): Promise<void> {
  for (const node of sheet.nodes) {
    if (!node.criterion.isLeaf || node.criterion.kind !== 'SELF_SCORED' || !node.score || skip.includes(node.criterion.code)) continue;
    if (node.score.points !== null || !node.score.applicable) continue;
    const result = await t.gql(
      SAVE,
      {
        input: {
          sheetId: sheet.id,
          criterionId: node.criterion.id,
          version: node.score.version,
          points: node.criterion.bands[0]!.maxPoints,
          note: 'Đã thực hiện đầy đủ.',
        },
      },
      { token },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  }
}
