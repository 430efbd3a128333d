import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { diffCriteriaTrees } from './diff.logic.ts';
import { CriteriaSetDiffView } from './diff.types.ts';
import { criteriaTreeLoader, readableCriteriaSet, readableCriteriaSets, readablePreviousVersion } from './criteria.read.ts';
import * as service from './criteria.service.ts';
import {
  AddCriterionInput,
  CreateCriteriaSetInput,
  CriteriaSetFilter,
  CriteriaSetView,
  UpdateCriterionInput,
  CriterionView,
  MoveCriterionInput,
} from './criteria.types.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => CriteriaSetView)
export class CriteriaResolver {
  @Query(() => [CriteriaSetView], { description: 'Criteria sets the caller may read, newest first.' })
  criteriaSets(
    @Arg('filter', () => CriteriaSetFilter, { nullable: true }) filter: CriteriaSetFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<CriteriaSetView[]> {
    return readableCriteriaSets(ctx, filter);
  }

  @Query(() => CriteriaSetView)
  criteriaSet(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableCriteriaSet(ctx, id);
  }

  @Query(() => CriteriaSetDiffView, {
    description: 'What changed from one criteria set to another (usually two versions of one block and year).',
  })
  async criteriaSetDiff(
    @IdArg('fromId') fromId: number,
    @IdArg('toId') toId: number,
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
  previousVersion(@Root() set: CriteriaSetView, @Ctx() ctx: AppContext): Promise<CriteriaSetView | null> {
    return readablePreviousVersion(ctx, set);
  }

  @Mutation(() => CriteriaSetView, { description: 'A new DRAFT version: empty, or a copy of `copyFromId`.' })
  async createCriteriaSet(@Arg('input') input: CreateCriteriaSetInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    const set = await service.createCriteriaSet(ctx.em, requireUser(ctx), input);
    return readableCriteriaSet(ctx, set.id);
  }

  @Mutation(() => CriteriaSetView, { description: 'Adds a criterion to a DRAFT set; returns the set with re-derived maxima.' })
  async addCriterion(@Arg('input') input: AddCriterionInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    await service.addCriterion(ctx.em, requireUser(ctx), input);
    return readableCriteriaSet(ctx, input.criteriaSetId);
  }

  @Mutation(() => CriteriaSetView)
  async updateCriterion(@IdArg() id: number, @Arg('input') input: UpdateCriterionInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableCriteriaSet(ctx, await service.updateCriterion(ctx.em, requireUser(ctx), id, input));
  }

  @Mutation(() => CriteriaSetView, { description: 'Moves a criterion (with its subtree) under another parent or position.' })
  async moveCriterion(@Arg('input') input: MoveCriterionInput, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableCriteriaSet(ctx, await service.moveCriterion(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => CriteriaSetView, { description: 'Removes a criterion and its subtree.' })
  async removeCriterion(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableCriteriaSet(ctx, await service.removeCriterion(ctx.em, requireUser(ctx), id));
  }

  @Mutation(() => CriteriaSetView, {
    description: 'Publishes a draft; the previously published version of the block and year is archived.',
  })
  async publishCriteriaSet(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    await service.publishCriteriaSet(ctx.em, requireUser(ctx), id);
    return readableCriteriaSet(ctx, id);
  }
}
