import type { CriterionNodeFragment } from '../generated/graphql';

/**
 * Which rows of a depth-first criteria list are visible, given the collapsed nodes and a search text
 * (a match keeps its ancestors visible). Pure, so it serves every tree view of the portal.
 */
export function visibleRows<T extends Pick<CriterionNodeFragment, 'id' | 'parentId' | 'code' | 'title'>>(
  rows: readonly T[],
  collapsed: ReadonlySet<number>,
  search = '',
): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const needle = search.trim().toLocaleLowerCase('vi');
  let keep: Set<number> | null = null;
  if (needle) {
    keep = new Set();
    for (const row of rows) {
      if (!`${row.code} ${row.title}`.toLocaleLowerCase('vi').includes(needle)) continue;
      for (let node: T | undefined = row; node; node = node.parentId ? byId.get(node.parentId) : undefined) keep.add(node.id);
    }
  }
  return rows.filter((row) => {
    if (keep && !keep.has(row.id)) return false;
    if (keep) return true; // searching shows every match in full
    for (let parentId = row.parentId; parentId; parentId = byId.get(parentId)?.parentId ?? null) {
      if (collapsed.has(parentId)) return false;
    }
    return true;
  });
}
