import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { UnitView } from '../units/index.ts';
import { inspectionSummaries, inspectionView, queryInspections } from './inspection.read.ts';
import * as service from './inspection.service.ts';
import { InspectionInput, InspectionSummaryView, InspectionView, UpdateInspectionInput } from './inspection.types.ts';
import { IdArg } from '../shared/args.ts';
import { UnitYearArgs } from './record.types.ts';

@Resolver(() => InspectionView)
export class InspectionResolver {
  @Query(() => [InspectionView], { description: 'Inspections of a year the caller may read (units: their own).' })
  inspections(@Args(() => UnitYearArgs) { year, unitId }: UnitYearArgs, @Ctx() ctx: AppContext): Promise<InspectionView[]> {
    return queryInspections(ctx, { year, unitId });
  }

  @Query(() => [InspectionSummaryView], {
    description: 'Per unit: inspected share of the inspection plan and share of shortcomings handled.',
  })
  inspectionSummaries(@Args(() => UnitYearArgs) { year, unitId }: UnitYearArgs, @Ctx() ctx: AppContext): Promise<InspectionSummaryView[]> {
    return inspectionSummaries(ctx, year, unitId);
  }

  @FieldResolver(() => UnitView)
  unit(@Root() inspection: InspectionView): UnitView {
    return inspection.unitRow;
  }

  @Mutation(() => InspectionView, { description: 'Records an inspection the caller’s unit held.' })
  async recordInspection(@Arg('input') input: InspectionInput, @Ctx() ctx: AppContext): Promise<InspectionView> {
    const row = await service.recordInspection(ctx.em, requireUser(ctx), input);
    return inspectionView(ctx, row);
  }

  @Mutation(() => InspectionView)
  async updateInspection(@IdArg() id: number, @Arg('input') input: UpdateInspectionInput, @Ctx() ctx: AppContext): Promise<InspectionView> {
    const row = await service.updateInspection(ctx.em, requireUser(ctx), id, input);
    return inspectionView(ctx, row);
  }

  @Mutation(() => Boolean)
  async deleteInspection(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<boolean> {
    await service.deleteInspection(ctx.em, requireUser(ctx), id);
    return true;
  }
}
