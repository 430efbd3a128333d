import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { readableSheet, ScoreSheetView } from '../scoring/index.ts';
import { queryRules, sheetSuggestions } from './suggestion.read.ts';
import { adoptSuggestion, setSuggestionRule } from './suggestion.service.ts';
import { AdoptSuggestionInput, MonitoringSuggestionView, SuggestionRuleInput, SuggestionRuleView } from './suggestion.types.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => SuggestionRuleView)
export class SuggestionRuleResolver {
  @Query(() => [SuggestionRuleView], { description: 'How a criteria set’s area-1 sub-criteria are suggested from the monitoring facts.' })
  suggestionRules(@IdArg('criteriaSetId') criteriaSetId: number, @Ctx() ctx: AppContext): Promise<SuggestionRuleView[]> {
    requireUser(ctx);
    return queryRules(ctx.em, [criteriaSetId]);
  }

  @Mutation(() => SuggestionRuleView, { description: 'Sets how an area-1 sub-criterion is suggested (secretariat).' })
  async setSuggestionRule(@Arg('input') input: SuggestionRuleInput, @Ctx() ctx: AppContext): Promise<SuggestionRuleView> {
    const rule = await setSuggestionRule(ctx.em, requireUser(ctx), input);
    return (await queryRules(ctx.em, [rule.criteriaSet.id])).find((row) => row.id === rule.id)!;
  }
}

/** The monitoring suggestions on the score sheet (the sheet was authorised when it was loaded). */
@Resolver(() => ScoreSheetView)
export class SheetSuggestionsResolver {
  @FieldResolver(() => [MonitoringSuggestionView], {
    description: 'Suggested self-scores of area 1 from the monitoring facts, with the facts behind them; the unit decides.',
  })
  monitoringSuggestions(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<MonitoringSuggestionView[]> {
    return sheetSuggestions(ctx, sheet);
  }

  @Mutation(() => ScoreSheetView, {
    description:
      'Adopts the monitoring suggestion as the self-score and links the documents behind its facts as evidence (the unit’s staff, while the sheet is open); select `node(criterionId:)` for the result. Adopting again changes nothing.',
  })
  async adoptMonitoringSuggestion(@Arg('input') input: AdoptSuggestionInput, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    await adoptSuggestion(ctx.em, requireUser(ctx), ctx.locale, input);
    return readableSheet(ctx, input.sheetId);
  }
}
