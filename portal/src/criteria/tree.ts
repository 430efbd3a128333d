import { computed, ref, type Ref } from 'vue';
import type { CriterionNodeFragment } from '../generated/criteria';

type TreeRow = Pick<CriterionNodeFragment, 'id' | 'parentId' | 'code' | 'title' | 'level' | 'isLeaf'>;

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

/**
 * How a row sits in every tree view: its depth class (levels 1 to 3 styled apart, deeper ones alike), whether it is a
 * leaf, and its indent (`indentRem` per level below the areas). For `v-bind` on the row's element.
 */
export function nodeLayout(row: Pick<TreeRow, 'level' | 'isLeaf'>, indentRem = 1.2) {
  return {
    class: ['node', `level-${Math.min(row.level, 4)}`, { leaf: row.isLeaf }],
    style: { marginLeft: `${(row.level - 1) * indentRem}rem` },
  };
}

/**
 * The state of one tree view (criteria browser, score sheet, draft under consultation): which branches are collapsed,
 * the search text, the rows to show, and the toolbar's actions.
 */
export function useTreeView<T extends TreeRow>(rows: Ref<readonly T[]>) {
  const collapsed = ref(new Set<number>());
  const search = ref('');
  const branches = (keep: (row: T) => boolean) => new Set(rows.value.filter((row) => !row.isLeaf && keep(row)).map((row) => row.id));
  return {
    collapsed,
    search,
    visible: computed(() => visibleRows(rows.value, collapsed.value, search.value)),
    toggle(id: number) {
      const next = new Set(collapsed.value);
      if (!next.delete(id)) next.add(id);
      collapsed.value = next;
    },
    expandAll: () => (collapsed.value = new Set()),
    collapseAll: () => (collapsed.value = branches(() => true)),
    /** Areas open, deeper branches closed: the areas and their criteria fit on one screen. */
    collapseBelowAreas: () => (collapsed.value = branches((row) => row.level >= 2)),
  };
}
