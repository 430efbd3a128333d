import { diffWordsWithSpace } from 'diff';
import { textKey } from '../shared/text.ts';
import type { CriteriaTree } from './criteria.read.ts';
import type { CriterionView } from './criteria.types.ts';
import {
  CriterionChangeKind,
  CriterionField,
  TextChangeKind,
  type CriteriaDiffSummaryView,
  type CriterionChangeView,
  type CriterionFieldChangeView,
  type TextSegmentView,
} from './diff.types.ts';

/**
 * Word-level diff (jsdiff; Vietnamese letters are word characters). Whitespace runs are tokens too,
 * so kept + removed segments spell `before` exactly, and kept + added ones `after`. Words replaced
 * one by one come back as one removed run then one added run, which reads far better than
 * alternating single words.
 */
export function textSegments(before: string | null, after: string | null): TextSegmentView[] {
  const parts = diffWordsWithSpace(before ?? '', after ?? '').map((part) => ({
    kind: part.added ? TextChangeKind.ADDED : part.removed ? TextChangeKind.REMOVED : TextChangeKind.SAME,
    text: part.value,
  }));
  const segments: TextSegmentView[] = [];
  for (let start = 0; start < parts.length;) {
    if (parts[start]!.kind === TextChangeKind.SAME) {
      segments.push(parts[start++]!);
      continue;
    }
    // A block: changes, possibly joined by whitespace both texts share.
    let end = start + 1;
    while (end < parts.length) {
      const part = parts[end]!;
      const joins =
        part.kind === TextChangeKind.SAME && !part.text.trim() && parts[end + 1] && parts[end + 1]!.kind !== TextChangeKind.SAME;
      if (part.kind === TextChangeKind.SAME && !joins) break;
      end += joins ? 2 : 1;
    }
    const block = parts.slice(start, end);
    const removed = block
      .filter((part) => part.kind !== TextChangeKind.ADDED)
      .map((part) => part.text)
      .join('');
    const added = block
      .filter((part) => part.kind !== TextChangeKind.REMOVED)
      .map((part) => part.text)
      .join('');
    const both = block.some((part) => part.kind === TextChangeKind.REMOVED) && block.some((part) => part.kind === TextChangeKind.ADDED);
    if (both) segments.push({ kind: TextChangeKind.REMOVED, text: removed }, { kind: TextChangeKind.ADDED, text: added });
    else segments.push(...block);
    start = end;
  }
  return segments;
}

const bandsText = (node: CriterionView) =>
  node.bands
    .map((band) => `${band.label}: ${band.minPoints === band.maxPoints ? band.minPoints : `${band.minPoints}–${band.maxPoints}`}`)
    .join('\n') || null;

const TEXT_FIELDS: [CriterionField, (node: CriterionView) => string | null][] = [
  [CriterionField.TITLE, (node) => node.title],
  [CriterionField.SCORING_METHOD, (node) => node.scoringMethod],
  [CriterionField.BANDS, bandsText],
  [CriterionField.EVIDENCE_REQUIREMENT, (node) => node.evidenceRequirement],
  [CriterionField.GUIDANCE, (node) => node.guidance],
];

const plain = (field: CriterionField, before: string | null, after: string | null): CriterionFieldChangeView => ({
  field,
  before,
  after,
  segments: [],
});

/** What changed from `a` to `b`; `sameParent` says whether their parents correspond. */
export function compareCriteria(a: CriterionView, b: CriterionView, sameParent: boolean): CriterionFieldChangeView[] {
  const fields: CriterionFieldChangeView[] = [];
  if (a.code !== b.code) fields.push(plain(CriterionField.CODE, a.code, b.code));
  if (!sameParent) fields.push(plain(CriterionField.PARENT, a.parent?.code ?? null, b.parent?.code ?? null));
  if (a.kind !== b.kind) fields.push(plain(CriterionField.KIND, a.kind, b.kind));
  if (a.maxPoints !== b.maxPoints) fields.push(plain(CriterionField.MAX_POINTS, a.maxPoints, b.maxPoints));
  for (const [field, read] of TEXT_FIELDS) {
    const before = read(a);
    const after = read(b);
    if ((before ?? '') !== (after ?? '')) fields.push({ field, before, after, segments: textSegments(before, after) });
  }
  return fields;
}

const isMove = (field: CriterionFieldChangeView) => field.field === CriterionField.CODE || field.field === CriterionField.PARENT;

/** One pair, e.g. a commented criterion and the criterion of the next version an answer changed. */
export function criterionChange(a: CriterionView, b: CriterionView): CriterionChangeView {
  const fields = compareCriteria(a, b, (a.parent?.code ?? null) === (b.parent?.code ?? null));
  return { kind: CriterionChangeKind.CHANGED, code: b.code, title: b.title, from: a, to: b, moved: fields.some(isMove), fields };
}

/** Pairs each criterion of `from` with its counterpart in `to`: by code first, then by title among the rest. */
export function matchCriteria(from: CriterionView[], to: CriterionView[]): Map<CriterionView, CriterionView> {
  const pairs = new Map<CriterionView, CriterionView>();
  const matched = new Set<CriterionView>();
  const byCode = new Map(to.map((node) => [node.code, node]));
  for (const node of from) {
    const counterpart = byCode.get(node.code);
    if (counterpart) {
      pairs.set(node, counterpart);
      matched.add(counterpart);
    }
  }
  const byTitle = new Map<string, CriterionView[]>();
  for (const node of to) {
    if (matched.has(node)) continue;
    const key = textKey(node.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), node]);
  }
  for (const node of from) {
    if (pairs.has(node)) continue;
    const counterpart = byTitle.get(textKey(node.title))?.shift();
    if (counterpart) pairs.set(node, counterpart);
  }
  return pairs;
}

/** Every difference between two trees, in the newer tree's order; removed criteria where they stood. */
export function diffCriteriaTrees(
  from: CriteriaTree,
  to: CriteriaTree,
): { changes: CriterionChangeView[]; summary: CriteriaDiffSummaryView } {
  const pairs = matchCriteria(from.flat, to.flat);
  const paired = new Set(pairs.values());
  const order = new Map(to.flat.map((node, index) => [node, index]));
  const keyed: { key: number; change: CriterionChangeView }[] = [];
  let unchanged = 0;

  let anchor = -1; // position in `to` of the last paired node seen while walking `from`
  from.flat.forEach((node, index) => {
    const counterpart = pairs.get(node);
    if (!counterpart) {
      // Removed: just after where its preceding sibling (or parent) landed.
      keyed.push({
        key: anchor + 0.5 + index / 1e6,
        change: { kind: CriterionChangeKind.REMOVED, code: node.code, title: node.title, from: node, to: null, moved: false, fields: [] },
      });
      return;
    }
    anchor = order.get(counterpart)!;
    const parent = node.parent ? (pairs.get(node.parent) ?? null) : null;
    const fields = compareCriteria(node, counterpart, parent === (counterpart.parent ?? null));
    if (fields.length === 0) unchanged += 1;
    else
      keyed.push({
        key: anchor,
        change: {
          kind: CriterionChangeKind.CHANGED,
          code: counterpart.code,
          title: counterpart.title,
          from: node,
          to: counterpart,
          moved: fields.some(isMove),
          fields,
        },
      });
  });
  to.flat.forEach((node, index) => {
    if (!paired.has(node))
      keyed.push({
        key: index,
        change: { kind: CriterionChangeKind.ADDED, code: node.code, title: node.title, from: null, to: node, moved: false, fields: [] },
      });
  });
  const changes = keyed.sort((a, b) => a.key - b.key).map((entry) => entry.change);

  const count = (predicate: (change: CriterionChangeView) => boolean) => changes.filter(predicate).length;
  const has = (change: CriterionChangeView, ...fields: CriterionField[]) => change.fields.some((f) => fields.includes(f.field));
  return {
    changes,
    summary: {
      added: count((change) => change.kind === CriterionChangeKind.ADDED),
      removed: count((change) => change.kind === CriterionChangeKind.REMOVED),
      moved: count((change) => change.moved),
      retitled: count((change) => has(change, CriterionField.TITLE)),
      maxPointsChanged: count((change) => has(change, CriterionField.MAX_POINTS)),
      scoringMethodChanged: count((change) => has(change, CriterionField.SCORING_METHOD, CriterionField.BANDS)),
      evidenceRequirementChanged: count((change) => has(change, CriterionField.EVIDENCE_REQUIREMENT)),
      unchanged,
    },
  };
}
