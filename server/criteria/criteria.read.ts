import type DataLoader from 'dataloader';
import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { subject as asSubject } from '@casl/ability';
import { requestLoader, requireReadable, requireUser, rowsByIdLoader, withPermission, type AppContext } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import { CriteriaSet, CriteriaSetStatus } from './criteria.entity.ts';
import { CRITERIA_SET } from './criteria.errors.ts';
import type { CriteriaSetFilter, CriteriaSetView, CriterionView } from './criteria.types.ts';

/** A set's criteria: `flat` in tree (depth-first) order, `roots` = areas, `byId` for lookups. */
export interface CriteriaTree {
  flat: CriterionView[];
  roots: CriterionView[];
  byId: Map<number, CriterionView>;
}

/** Criteria sets matching `where` (already narrowed by the caller's permissions), newest first. */
export async function querySets(em: EntityManager, where: ObjectQuery<CriteriaSet>): Promise<CriteriaSetView[]> {
  const rows = await em
    .createQueryBuilder(CriteriaSet)
    .select(['id', 'year', 'block', 'version', 'title', 'status', 'previousVersion', 'createdAt', 'publishedAt'])
    .where(where)
    .orderBy({ year: 'desc', block: 'asc', version: 'desc' })
    .execute('all');
  return rows.map(({ previousVersion, ...set }) => ({
    ...set,
    publishedAt: set.publishedAt ?? null,
    previousVersionId: (previousVersion as unknown as number | null) ?? null,
  }));
}

interface CriterionRow {
  id: number;
  criteria_set_id: number;
  parent_id: number | null;
  code: string;
  title: string;
  guidance: string | null;
  max_points: string;
  kind: CriterionView['kind'];
  scoring_method: string | null;
  bands: CriterionView['bands'];
  evidence_requirement: string | null;
  position: number;
  version: number;
}

/** Rows of one set → linked read models. Plain objects, so GraphQL default resolvers serve every field. */
export function assembleTree(rows: CriterionRow[]): CriteriaTree {
  const byId = new Map<number, CriterionView>();
  for (const row of rows) {
    byId.set(row.id, {
      id: row.id,
      criteriaSetId: row.criteria_set_id,
      parentId: row.parent_id,
      parent: null,
      children: [],
      level: 1,
      isLeaf: true,
      code: row.code,
      title: row.title,
      guidance: row.guidance,
      maxPoints: row.max_points,
      kind: row.kind,
      scoringMethod: row.scoring_method,
      bands: row.bands,
      evidenceRequirement: row.evidence_requirement,
      position: row.position,
      version: row.version,
    });
  }
  const roots: CriterionView[] = [];
  // Rows arrive ordered by position, so pushing keeps siblings in order.
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
      parent.isLeaf = false;
    } else roots.push(node);
  }
  const flat: CriterionView[] = [];
  const visit = (node: CriterionView, level: number) => {
    node.level = level;
    flat.push(node);
    for (const child of node.children) visit(child, level + 1);
  };
  for (const root of roots) visit(root, 1);
  return { flat, roots, byId };
}

/**
 * Trees of published and archived sets, kept for the life of the ORM (one database): such a set's criteria never change
 * (the service edits drafts only; a new version is a new set), so a save or a sheet read need not fetch and assemble
 * 150 criteria each time. Drafts and sets under consultation are read every time. Keyed by the ORM's configuration,
 * so two databases in one process (tests) never share an entry.
 */
const immutableTrees = new WeakMap<object, Map<number, CriteriaTree>>();
const IMMUTABLE: ReadonlySet<string> = new Set([CriteriaSetStatus.PUBLISHED, CriteriaSetStatus.ARCHIVED]);

function immutableTreesOf(em: EntityManager): Map<number, CriteriaTree> {
  let trees = immutableTrees.get(em.config);
  if (!trees) immutableTrees.set(em.config, (trees = new Map()));
  return trees;
}

/** Forgets the kept trees of `em`'s database, so a test can count statements from a known (cold) state. */
export function forgetImmutableTrees(em: EntityManager): void {
  immutableTrees.delete(em.config);
}

/** The trees of `setIds` (an empty tree for a set without criteria): kept ones from memory, the rest in one query. */
export async function loadCriteriaTrees(em: EntityManager, setIds: readonly number[]): Promise<Map<number, CriteriaTree>> {
  const kept = immutableTreesOf(em);
  const trees = new Map<number, CriteriaTree>();
  const missing: number[] = [];
  for (const id of setIds) {
    const tree = kept.get(id);
    if (tree) trees.set(id, tree);
    else missing.push(id);
  }
  if (missing.length === 0) return trees;
  // The set's status is read in the same statement as its rows, so a tree is kept only as it was once published.
  const rows = await em.getConnection().execute<(CriterionRow & { set_status: string })[]>(
    `select c.id, c.criteria_set_id, c.parent_id, c.code, c.title, c.guidance, c.max_points, c.kind, c.scoring_method, c.bands,
            c.evidence_requirement, c.position, c.version, s.status as set_status
       from criterion c join criteria_set s on s.id = c.criteria_set_id
      where c.criteria_set_id = any(?::int[]) order by c.criteria_set_id, c.position, c.id`,
    [intArray(missing)],
  );
  const bySet = new Map<number, CriterionRow[]>(missing.map((id) => [id, []]));
  const immutable = new Set<number>();
  for (const row of rows) {
    bySet.get(row.criteria_set_id)?.push(row);
    if (IMMUTABLE.has(row.set_status)) immutable.add(row.criteria_set_id);
  }
  for (const [id, setRows] of bySet) {
    const tree = assembleTree(setRows);
    trees.set(id, tree);
    if (immutable.has(id)) kept.set(id, tree);
  }
  return trees;
}

/** Criteria trees by set id, batched per request: one query however many sets are asked for. */
export function criteriaTreeLoader(ctx: AppContext): DataLoader<number, CriteriaTree> {
  return requestLoader<CriteriaTree>(ctx, criteriaTreeLoader, async (ids) => {
    const trees = await loadCriteriaTrees(ctx.em, ids);
    return ids.map((id) => trees.get(id)!);
  });
}

/** Criteria sets by id, batched per request (no permission check: callers authorise). */
export function criteriaSetLoader(ctx: AppContext): DataLoader<number, CriteriaSetView | null> {
  return rowsByIdLoader(ctx, criteriaSetLoader, (ids) => querySets(ctx.em, { id: { $in: ids } }));
}

/** A set the caller may read: NOT_FOUND if it does not exist, FORBIDDEN if it is not theirs to see. */
export async function readableCriteriaSet(ctx: AppContext, id: number): Promise<CriteriaSetView> {
  return requireReadable(requireUser(ctx), 'CriteriaSet', CRITERIA_SET, id, await criteriaSetLoader(ctx).load(id));
}

/** The sets the caller may read, newest first. */
export async function readableCriteriaSets(ctx: AppContext, filter: CriteriaSetFilter | undefined): Promise<CriteriaSetView[]> {
  const where = withPermission<CriteriaSet>(requireUser(ctx).ability, 'read', 'CriteriaSet', {
    ...(filter?.year ? { year: filter.year } : {}),
    ...(filter?.block ? { block: filter.block } : {}),
    ...(filter?.status?.length ? { status: { $in: filter.status } } : {}),
  });
  if (!where) return [];
  const sets = await querySets(ctx.em, where);
  // A set's previous version is often in the same list: let `previousVersion` find it without a query.
  for (const set of sets) criteriaSetLoader(ctx).prime(set.id, set);
  return sets;
}

/** The version a set was derived from, when the caller may read it (null otherwise). */
export async function readablePreviousVersion(ctx: AppContext, set: CriteriaSetView): Promise<CriteriaSetView | null> {
  if (set.previousVersionId === null) return null;
  const previous = await criteriaSetLoader(ctx).load(set.previousVersionId);
  return previous && ctx.ability.can('read', asSubject('CriteriaSet', { ...previous })) ? previous : null;
}
