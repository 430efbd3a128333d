import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { unitLoader, UnitView } from '../units/index.ts';
import {
  primeSheetDetail,
  readableSheet,
  readableSheetSummaries,
  sheetCheck,
  sheetDetail,
  sheetProgressLoader,
  toSheetView,
} from './scoring.read.ts';
import { openSheet, reopenSelfAssessment, saveSelfScore, submitSelfAssessment } from './scoring.service.ts';
import {
  ProgressView,
  SaveSelfScoreInput,
  ScoreSheetSummaryView,
  ScoreSheetView,
  SelfAssessmentCheckView,
  SheetArgs,
  SheetNodeView,
  TotalsView,
} from './scoring.types.ts';
import { IdArg } from '../shared/args.ts';

/** The unit’s sheet of the period as the caller sees it; a writer’s first access creates it, a reader’s never writes. */
async function openedSheet(ctx: AppContext, periodId: number, unitId: number): Promise<ScoreSheetView> {
  return toSheetView(await openSheet(ctx.em, requireUser(ctx), periodId, unitId), ctx.ability);
}

@Resolver(() => ScoreSheetView)
export class ScoringResolver {
  @Query(() => ScoreSheetView, {
    description:
      'The unit’s score sheet for the period: created on its unit’s first access while the period is open; others read a sheet not created yet as empty.',
  })
  async scoreSheet(@Args(() => SheetArgs) { periodId, unitId }: SheetArgs, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    return openedSheet(ctx, periodId, unitId);
  }

  @Query(() => [ScoreSheetSummaryView], { description: 'The sheets of a period the caller may read, by unit code.' })
  async scoreSheets(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<ScoreSheetSummaryView[]> {
    return readableSheetSummaries(ctx, periodId);
  }

  @Query(() => SelfAssessmentCheckView, {
    description: 'The pre-submit check: per sub-criterion, the common errors it can detect, and self-scores above the monitoring facts.',
  })
  async selfAssessmentCheck(
    @Args(() => SheetArgs) { periodId, unitId }: SheetArgs,
    @Ctx() ctx: AppContext,
  ): Promise<SelfAssessmentCheckView> {
    return sheetCheck(ctx, await openedSheet(ctx, periodId, unitId), { measured: true });
  }

  @FieldResolver(() => [SheetNodeView], { description: 'The areas; walk down through `children`.' })
  async areas(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<SheetNodeView[]> {
    return (await sheetDetail(ctx, sheet)).roots;
  }

  @FieldResolver(() => [SheetNodeView], { description: 'Every node, depth-first.' })
  async nodes(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<SheetNodeView[]> {
    return (await sheetDetail(ctx, sheet)).nodes;
  }

  @FieldResolver(() => SheetNodeView, { nullable: true, description: 'One node, e.g. to refresh a row after saving it.' })
  async node(
    @Root() sheet: ScoreSheetView,
    @IdArg('criterionId') criterionId: number,
    @Ctx() ctx: AppContext,
  ): Promise<SheetNodeView | null> {
    return (await sheetDetail(ctx, sheet, criterionId)).byCriterion.get(criterionId) ?? null;
  }

  @FieldResolver(() => [SheetNodeView], {
    description:
      'A node and its ancestors, area first: the roll-ups a save of that sub-criterion changes (empty for another set’s criterion).',
  })
  async branch(@Root() sheet: ScoreSheetView, @IdArg('criterionId') criterionId: number, @Ctx() ctx: AppContext): Promise<SheetNodeView[]> {
    const { byCriterion } = await sheetDetail(ctx, sheet, criterionId);
    const branch: SheetNodeView[] = [];
    for (let node = byCriterion.get(criterionId); node; node = byCriterion.get(node.criterion.parentId ?? -1)) branch.unshift(node);
    return branch;
  }

  @FieldResolver(() => ProgressView)
  async progress(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<ProgressView> {
    return (await sheetDetail(ctx, sheet, 'rollups')).progress;
  }

  @FieldResolver(() => TotalsView)
  async totals(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<TotalsView> {
    return (await sheetDetail(ctx, sheet, 'rollups')).totals;
  }

  @FieldResolver(() => SelfAssessmentCheckView, {
    description:
      'The `selfAssessmentCheck` query without its comparison with the monitoring facts (ABOVE_MONITORED), so the sheet loads in a fixed number of statements.',
  })
  check(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<SelfAssessmentCheckView> {
    return sheetCheck(ctx, sheet);
  }

  @Mutation(() => ScoreSheetView, {
    description: 'Saves one sub-criterion; select `node(criterionId:)`, `progress`, `totals` for the new state.',
  })
  async saveSelfScore(@Arg('input') input: SaveSelfScoreInput, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    const { head, scores } = await saveSelfScore(ctx.em, requireUser(ctx), input);
    const sheet = toSheetView(head, ctx.ability);
    if (scores) primeSheetDetail(ctx, sheet, input.criterionId, scores);
    return sheet;
  }

  @Mutation(() => ScoreSheetView, { description: 'The unit lead locks the sheet (chốt điểm).' })
  async submitSelfAssessment(@IdArg('sheetId') sheetId: number, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    await submitSelfAssessment(ctx.em, requireUser(ctx), sheetId);
    return readableSheet(ctx, sheetId);
  }

  @Mutation(() => ScoreSheetView, { description: 'The secretariat unlocks a submitted sheet, with a reason (audited).' })
  async reopenSelfAssessment(
    @IdArg('sheetId') sheetId: number,
    @Arg('reason') reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<ScoreSheetView> {
    await reopenSelfAssessment(ctx.em, requireUser(ctx), sheetId, reason);
    return readableSheet(ctx, sheetId);
  }
}

@Resolver(() => ScoreSheetSummaryView)
export class ScoreSheetSummaryResolver {
  @FieldResolver(() => UnitView)
  async unit(@Root() sheet: ScoreSheetSummaryView, @Ctx() ctx: AppContext): Promise<UnitView> {
    return (await unitLoader(ctx).load(sheet.unitId))!;
  }

  @FieldResolver(() => ProgressView)
  progress(@Root() sheet: ScoreSheetSummaryView, @Ctx() ctx: AppContext): Promise<ProgressView> {
    return sheetProgressLoader(ctx).load(sheet.id);
  }
}
