import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../access/index.ts';
import { connectionOf, PageArgs, pageOf, type ConnectionData } from '../shared/connection.ts';
import { queryCalibration } from './calibration.read.ts';
import {
  CalibrationConnection,
  CalibrationDimension,
  CalibrationFilter,
  CalibrationOrder,
  CalibrationRowView,
} from './calibration.types.ts';
import { readableCalibration, visibleResults } from './results.read.ts';
import { IdArg } from '../shared/args.ts';

@Resolver()
export class CalibrationResolver {
  @Query(() => CalibrationConnection, {
    description:
      'Calibration (no peer system offers it): self-scores against final appraised scores, per sub-criterion, unit or appraiser. ' +
      'Default order: criteria most often lowered, units that over-score most, appraisers with most items.',
  })
  async calibration(
    @IdArg('periodId') periodId: number,
    @Arg('by', () => CalibrationDimension) by: CalibrationDimension,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => CalibrationFilter, { nullable: true }) filter: CalibrationFilter | undefined,
    @Arg('orderBy', () => CalibrationOrder, { nullable: true }) orderBy: CalibrationOrder | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<CalibrationRowView> & Pick<CalibrationConnection, 'summary'>> {
    const page = pageOf(first, after, { periodId, by, filter, orderBy });
    const period = await readableCalibration(ctx, periodId);
    const { stats, rows } = await queryCalibration(ctx.em, {
      periodId: period.id,
      by,
      block: filter?.block,
      unitIds: filter?.unitIds,
      areaCodes: filter?.areaCodes,
      orderBy,
      offset: page.offset,
      limit: page.limit,
      visible: visibleResults(ctx, 'sh.period_id', 'sh.unit_id', 'details'),
    });
    return { ...connectionOf(rows, page, stats.totalCount), summary: stats };
  }
}
