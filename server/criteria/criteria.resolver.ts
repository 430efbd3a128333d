import { subject as asSubject } from '@casl/ability';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { withPermission } from '../access/index.ts';
import { authorize, requireReadable, requireUser } from '../access/index.ts';
import type { AppContext } from '../access/index.ts';
import { diffCriteriaTrees } from './diff.logic.ts';
import { CriteriaSetDiffView } from './diff.types.ts';
import { CriteriaSet } from './criteria.entity.ts';
import { criteriaSetLoader, criteriaTreeLoader, querySets } from './criteria.read.ts';
import * as service from './criteria.service.ts';
import {
  AddCriterionInput, CreateCriteriaSetInput, CriteriaSetFilter, CriteriaSetView, CriterionFieldsInput, CriterionView,
  MoveCriterionInput,
} from './criteria.types.ts';

const SET = { vi: 'bộ tiêu chí', en: 'Criteria set' };

/** Loads a set the caller may read: NOT_FOUND if it does not exist, FORBIDDEN if it is not theirs to see. */
export async function readableCriteriaSet(ctx: AppContext, id: number): Promise<CriteriaSetView> {
  requireUser(ctx);
  return requireReadable(ctx, 'CriteriaSet', SET, id, await criteriaSetLoader(ctx).load(id));
}

@Resolver(() => CriteriaSetView)
export class CriteriaResolver {
  @Query(() => [CriteriaSetView], { description: 'Criteria sets the caller may read, newest first.' })
  async criteriaSets(
    @Arg('filter', () => CriteriaSetFilter, { nullable: true }) filter: CriteriaSetFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<CriteriaSetView[]> {
    requireUser(ctx);
    const where = withPermission<CriteriaSet>(ctx.ability, 'read', 'CriteriaSet', {
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

  @Query(() => CriteriaSetView)
  criteriaSet(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableCriteriaSet(ctx, id);
  }

  @Query(() => CriteriaSetDiffView, { description: 'What changed from one criteria set to another (usually two versions of one block and year).' })
  async criteriaSetDiff(
    @Arg('fromId', () => Int) fromId: number,
    @Arg('toId', () => Int) toId: number,
    @Ctx() ctx: AppContext,
  ): Promise<CriteriaSetDiffView> {
    const [from, to] = await Promise.all([readableCriteriaSet(ctx, fromId), readableCriteriaSet(ctx, toId)]);
    const [fromTree, toTree] = await Promise.all([criteriaTreeLoader(ctx).load(fromId), criteriaTreeLoader(ctx).load(toId)]);
    return { from, to, ...diffCriteriaTrees(fromTree, toTree) };
  }

  @FieldResolver(() => [CriterionView], { description: 'Every criterion of the set, depth-first in tree order.' })
  async criteria(@Root() set: CriteriaSetView, @Ctx() ctx: AppContext): Promise<CriterionView[]> {
    return (await criteriaTreeLoader(ctx).load(set.id)).flat;
  }

  @FieldResolver(() => [CriterionView], { description: 'The top level (areas); walk down through `children`.' })
  async areas(@Root() set: CriteriaSetView, @Ctx() ctx: AppContext): Promise<CriterionView[]> {
    return (await criteriaTreeLoader(ctx).load(set.id)).roots;
  }

  @FieldResolver(() => CriteriaSetView, { nullable: true })
  async previousVersion(@Root() set: CriteriaSetView, @Ctx() ctx: AppContext): Promise<CriteriaSetView | null> {
    if (set.previousVersionId === null) return null;
    const previous = await criteriaSetLoader(ctx).load(set.previousVersionId);
    return previous && ctx.ability.can('read', asSubject('CriteriaSet', { ...previous })) ? previous : null;
  }

  @Mutation(() => CriteriaSetView, { description: 'A new DRAFT version: empty, or a copy of `copyFromId`.' })
  async createCriteriaSet(@Arg('input') input: CreateCriteriaSetInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    authorize(ctx, 'create', 'CriteriaSet');
    const set = await service.createCriteriaSet(ctx.em, input);
    return readableCriteriaSet(ctx, set.id);
  }

  @Mutation(() => CriteriaSetView, { description: 'Adds a criterion to a DRAFT set; returns the set with re-derived maxima.' })
  async addCriterion(@Arg('input') input: AddCriterionInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    authorize(ctx, 'create', 'Criterion');
    await service.addCriterion(ctx.em, input);
    return readableCriteriaSet(ctx, input.criteriaSetId);
  }

  @Mutation(() => CriteriaSetView)
  async updateCriterion(
    @Arg('id', () => Int) id: number,
    @Arg('input') input: CriterionFieldsInput,
    @Ctx() ctx: AppContext,
  ): Promise<CriteriaSetView> {
    authorize(ctx, 'update', 'Criterion');
    return readableCriteriaSet(ctx, await service.updateCriterion(ctx.em, id, input));
  }

  @Mutation(() => CriteriaSetView, { description: 'Moves a criterion (with its subtree) under another parent or position.' })
  async moveCriterion(@Arg('input') input: MoveCriterionInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    authorize(ctx, 'update', 'Criterion');
    return readableCriteriaSet(ctx, await service.moveCriterion(ctx.em, input));
  }

  @Mutation(() => CriteriaSetView, { description: 'Removes a criterion and its subtree.' })
  async removeCriterion(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    authorize(ctx, 'delete', 'Criterion');
    return readableCriteriaSet(ctx, await service.removeCriterion(ctx.em, id));
  }

  @Mutation(() => CriteriaSetView, { description: 'Publishes a draft; the previously published version of the block and year is archived.' })
  async publishCriteriaSet(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    authorize(ctx, 'publish', 'CriteriaSet');
    await service.publishCriteriaSet(ctx.em, id);
    return readableCriteriaSet(ctx, id);
  }
}
