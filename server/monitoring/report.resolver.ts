import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { UnitView } from '../units/index.ts';
import { consolidation, ownReportLoader, queryReportPeriods, queryReports, readablePeriod, readableReport } from './report.read.ts';
import * as service from './report.service.ts';
import {
  PeriodicReportView,
  ReportConsolidationView,
  ReportFieldView,
  ReportPeriodInput,
  ReportPeriodView,
  ReportValuesInput,
  ReturnReportInput,
} from './report.types.ts';
import { MonitoringYearView } from './plan.types.ts';
import { queryYears } from './plan.read.ts';
import { IdArg } from '../shared/args.ts';
import { UnitYearArgs } from './record.types.ts';

@Resolver(() => ReportPeriodView)
export class ReportPeriodResolver {
  @Query(() => [ReportPeriodView], { description: 'Report periods of a year, by deadline.' })
  reportPeriods(@Arg('year', () => Int) year: number, @Ctx() ctx: AppContext): Promise<ReportPeriodView[]> {
    return queryReportPeriods(ctx, { year });
  }

  @Query(() => ReportPeriodView)
  reportPeriod(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<ReportPeriodView> {
    return readablePeriod(ctx, id);
  }

  @FieldResolver(() => PeriodicReportView, {
    nullable: true,
    description: 'The caller’s unit’s report of the period (null before it is started).',
  })
  myReport(@Root() period: ReportPeriodView, @Ctx() ctx: AppContext): Promise<PeriodicReportView | null> {
    return ownReportLoader(ctx).load(period.id);
  }

  @FieldResolver(() => ReportConsolidationView, { description: 'The city-level consolidated report (secretariat, analysts).' })
  consolidation(@Root() period: ReportPeriodView, @Ctx() ctx: AppContext): Promise<ReportConsolidationView> {
    return consolidation(ctx, period.id);
  }

  @Mutation(() => ReportPeriodView, { description: 'Sets a report period’s deadline (secretariat).' })
  async setReportPeriod(@Arg('input') input: ReportPeriodInput, @Ctx() ctx: AppContext): Promise<ReportPeriodView> {
    const period = await service.setReportPeriod(ctx.em, requireUser(ctx), input);
    return readablePeriod(ctx, period.id);
  }

  @Mutation(() => MonitoringYearView, {
    description: 'Replaces a year’s report template (secretariat), before any report of the year is submitted.',
  })
  async setReportTemplate(
    @Arg('year', () => Int) year: number,
    @Arg('fields', () => [ReportFieldView]) fields: ReportFieldView[],
    @Ctx() ctx: AppContext,
  ): Promise<MonitoringYearView> {
    await service.setReportTemplate(ctx.em, requireUser(ctx), year, fields);
    return (await queryYears(ctx)).find((row) => row.year === year)!;
  }
}

@Resolver(() => PeriodicReportView)
export class PeriodicReportResolver {
  @Query(() => [PeriodicReportView], {
    description: 'Reports the caller may read: units their own; the secretariat, appraisers and analysts submitted ones.',
  })
  periodicReports(
    @Args(() => UnitYearArgs) { year, unitId }: UnitYearArgs,
    @IdArg('periodId', { nullable: true }) periodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodicReportView[]> {
    return queryReports(ctx, { year, unitId, periodIds: periodId != null ? [periodId] : undefined });
  }

  @Query(() => PeriodicReportView)
  periodicReport(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<PeriodicReportView> {
    return readableReport(ctx, id);
  }

  @FieldResolver(() => UnitView)
  unit(@Root() report: PeriodicReportView): UnitView {
    return report.unitRow;
  }

  @Mutation(() => PeriodicReportView, {
    description: 'Autosave: the given fields of the caller’s unit’s report (a draft or returned one).',
  })
  async saveReport(@Arg('input') input: ReportValuesInput, @Ctx() ctx: AppContext): Promise<PeriodicReportView> {
    const report = await service.saveReport(ctx.em, requireUser(ctx), input);
    return readableReport(ctx, report.id);
  }

  @Mutation(() => PeriodicReportView, {
    description: 'The unit lead submits the report, with any last values; every number field must be filled.',
  })
  async submitReport(@Arg('input') input: ReportValuesInput, @Ctx() ctx: AppContext): Promise<PeriodicReportView> {
    const report = await service.submitReport(ctx.em, requireUser(ctx), input);
    return readableReport(ctx, report.id);
  }

  @Mutation(() => PeriodicReportView, { description: 'Returns a submitted report for correction with a comment (secretariat).' })
  async returnReport(@Arg('input') input: ReturnReportInput, @Ctx() ctx: AppContext): Promise<PeriodicReportView> {
    const report = await service.returnReport(ctx.em, requireUser(ctx), input);
    return readableReport(ctx, report.id);
  }

  @Mutation(() => PeriodicReportView, { description: 'Accepts a submitted report (secretariat); it is final.' })
  async acceptReport(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<PeriodicReportView> {
    await service.acceptReport(ctx.em, requireUser(ctx), id);
    return readableReport(ctx, id);
  }
}
