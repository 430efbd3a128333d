import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { readableSheet, ScoreSheetView, SelfScoreView } from '../scoring/index.ts';
import { readableEvidence, sheetEvidenceLoader } from './evidence.read.ts';
import { deleteEvidence, linkEvidence, unlinkEvidence, updateEvidenceMetadata } from './evidence.service.ts';
import { EvidenceLinkInput, EvidenceLinkView, EvidenceView, UpdateEvidenceInput } from './evidence.types.ts';
import { checkMetadata } from './metadata.logic.ts';
import { IdArg } from '../shared/args.ts';

/** Files are uploaded with POST /api/evidence/score-sheets/:sheetId/files (see evidence.routes.ts); the rest is here. */
@Resolver(() => EvidenceView)
export class EvidenceResolver {
  @Query(() => EvidenceView)
  evidence(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<EvidenceView> {
    return readableEvidence(ctx, id);
  }

  @Mutation(() => EvidenceView, { description: 'Sets the document’s citation; omitted fields keep their value, null clears.' })
  async updateEvidence(@IdArg() id: number, @Arg('input') input: UpdateEvidenceInput, @Ctx() ctx: AppContext): Promise<EvidenceView> {
    await updateEvidenceMetadata(ctx.em, requireUser(ctx), id, input.version, checkMetadata(input));
    return readableEvidence(ctx, id);
  }

  @Mutation(() => ScoreSheetView, { description: 'Removes a document and its links from a draft sheet.' })
  async deleteEvidence(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    return readableSheet(ctx, await deleteEvidence(ctx.em, requireUser(ctx), id));
  }

  @Mutation(() => ScoreSheetView, { description: 'Lets a document of the sheet support a sub-criterion (again: no change).' })
  async linkEvidence(@Arg('input') input: EvidenceLinkInput, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    await linkEvidence(ctx.em, requireUser(ctx), input);
    return readableSheet(ctx, input.sheetId);
  }

  @Mutation(() => ScoreSheetView)
  async unlinkEvidence(@Arg('input') input: EvidenceLinkInput, @Ctx() ctx: AppContext): Promise<ScoreSheetView> {
    await unlinkEvidence(ctx.em, requireUser(ctx), input);
    return readableSheet(ctx, input.sheetId);
  }
}

/** A sheet's documents on the scoring read models (the sheet was authorised when it was loaded). */
@Resolver(() => ScoreSheetView)
export class SheetEvidenceResolver {
  @FieldResolver(() => [EvidenceView], { description: 'Every document uploaded to the sheet, for reuse.' })
  async evidence(@Root() sheet: ScoreSheetView, @Ctx() ctx: AppContext): Promise<EvidenceView[]> {
    return sheet.id === null ? [] : (await sheetEvidenceLoader(ctx).load(sheet.id)).documents;
  }
}

@Resolver(() => SelfScoreView)
export class SelfScoreEvidenceResolver {
  @FieldResolver(() => [EvidenceLinkView])
  async links(@Root() score: SelfScoreView, @Ctx() ctx: AppContext): Promise<EvidenceLinkView[]> {
    return (await sheetEvidenceLoader(ctx).load(score.sheetId)).linksByScore.get(score.id) ?? [];
  }
}
