import type DataLoader from 'dataloader';
import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { subject as asSubject } from '@casl/ability';
import { requestLoader, requireReadable, requireUser, rowsByIdLoader, withPermission, type AppContext } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import { CriteriaSet } from './criteria.entity.ts';
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

export async function loadCriteriaTrees(em: EntityManager, setIds: readonly number[]): Promise<Map<number, CriteriaTree>> {
  const rows = await em.getConnection().execute<CriterionRow[]>(
    `select id, criteria_set_id, parent_id, code, title, guidance, max_points, kind, scoring_method, bands,
            evidence_requirement, position, version
       from criterion where criteria_set_id = any(?::int[]) order by criteria_set_id, position, id`,
    [intArray(setIds)],
  );
  const bySet = new Map<number, CriterionRow[]>(setIds.map((id) => [id, []]));
  for (const row of rows) bySet.get(row.criteria_set_id)?.push(row);
  return new Map([...bySet].map(([id, setRows]) => [id, assembleTree(setRows)]));
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

const SET = { vi: 'bộ tiêu chí', en: 'Criteria set' };

/** A set the caller may read: NOT_FOUND if it does not exist, FORBIDDEN if it is not theirs to see. */
export async function readableCriteriaSet(ctx: AppContext, id: number): Promise<CriteriaSetView> {
  return requireReadable(requireUser(ctx), 'CriteriaSet', SET, id, await criteriaSetLoader(ctx).load(id));
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
