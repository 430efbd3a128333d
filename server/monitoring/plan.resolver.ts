import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { unitLoader, UnitView } from '../units/index.ts';
import { PlanKind, TaskChangeStatus } from './plan.entity.ts';
import { planTasksLoader, queryChangeRequests, queryPlans, queryTasks, queryYears, readablePlan, readableTask } from './plan.read.ts';
import * as service from './plan.service.ts';
import {
  AnnualPlanInput,
  AnnualPlanView,
  CityTaskInput,
  MonitoringYearInput,
  MonitoringYearView,
  NewPlanTaskInput,
  UpdatePlanTaskInput,
  PlanTaskFilter,
  PlanTaskView,
  TaskChangeInput,
  TaskChangeRequestView,
  TaskProgressInput,
} from './plan.types.ts';
import { IdArg } from '../shared/args.ts';
import { UnitYearArgs } from './record.types.ts';

@Resolver(() => AnnualPlanView)
export class AnnualPlanResolver {
  @Query(() => [MonitoringYearView], { description: 'Configured monitoring years, newest first.' })
  monitoringYears(@Ctx() ctx: AppContext): Promise<MonitoringYearView[]> {
    return queryYears(ctx);
  }

  @Query(() => [AnnualPlanView], { description: 'Plans the caller may read (units: their own), by year, unit and kind.' })
  annualPlans(
    @Args(() => UnitYearArgs) { year, unitId }: UnitYearArgs,
    @Arg('kind', () => PlanKind, { nullable: true }) kind: PlanKind | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<AnnualPlanView[]> {
    return queryPlans(ctx, { year, unitId, kind });
  }

  @Query(() => AnnualPlanView)
  annualPlan(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<AnnualPlanView> {
    return readablePlan(ctx, id);
  }

  @FieldResolver(() => UnitView, { description: 'The unit the plan belongs to (the lead unit of its tasks).' })
  unit(@Root() plan: AnnualPlanView): UnitView {
    return plan.unitRow;
  }

  @FieldResolver(() => [PlanTaskView], { description: 'The plan’s tasks, by deadline.' })
  tasks(
    @Root() plan: AnnualPlanView,
    @Arg('filter', () => PlanTaskFilter, { nullable: true }) filter: PlanTaskFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PlanTaskView[]> {
    return planTasksLoader(ctx, { ...filter }).load(plan.id);
  }

  @Mutation(() => MonitoringYearView, { description: 'Creates or updates a year’s settings (secretariat).' })
  async configureMonitoringYear(@Arg('input') input: MonitoringYearInput, @Ctx() ctx: AppContext): Promise<MonitoringYearView> {
    const saved = await service.configureYear(ctx.em, requireUser(ctx), input);
    await ctx.abilities.invalidate(); // units may now edit their records of the year
    return (await queryYears(ctx)).find((row) => row.id === saved.id)!;
  }

  @Mutation(() => AnnualPlanView, { description: 'Records the issued plan document (number, date) of the caller’s unit.' })
  async saveAnnualPlan(@Arg('input') input: AnnualPlanInput, @Ctx() ctx: AppContext): Promise<AnnualPlanView> {
    const plan = await service.savePlan(ctx.em, requireUser(ctx), input);
    return readablePlan(ctx, plan.id);
  }
}

@Resolver(() => PlanTaskView)
export class PlanTaskResolver {
  @Query(() => PlanTaskView)
  planTask(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    return readableTask(ctx, id);
  }

  @Query(() => [PlanTaskView], { description: 'Tasks of a year the caller may read, across units (e.g. the city’s overdue list).' })
  planTasks(
    @Args(() => UnitYearArgs) { year, unitId }: UnitYearArgs,
    @Arg('filter', () => PlanTaskFilter, { nullable: true }) filter: PlanTaskFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PlanTaskView[]> {
    return queryTasks(ctx, { ...filter, year, unitId });
  }

  @Query(() => [TaskChangeRequestView], { description: 'Deadline moves and cancellations the caller may read, newest first.' })
  taskChangeRequests(
    @Arg('status', () => TaskChangeStatus, { nullable: true }) status: TaskChangeStatus | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<TaskChangeRequestView[]> {
    return queryChangeRequests(ctx, status);
  }

  @FieldResolver(() => UnitView, { description: 'The lead unit.' })
  async unit(@Root() task: PlanTaskView, @Ctx() ctx: AppContext): Promise<UnitView> {
    return (await unitLoader(ctx).load(task.unitId))!;
  }

  @FieldResolver(() => [UnitView])
  async cooperatingUnits(@Root() task: PlanTaskView, @Ctx() ctx: AppContext): Promise<UnitView[]> {
    return (await unitLoader(ctx).loadMany(task.cooperatingUnitIds)) as UnitView[];
  }

  @Mutation(() => PlanTaskView, { description: 'Adds a task to the caller’s unit’s PAR plan of the year.' })
  async createPlanTask(@Arg('input') input: NewPlanTaskInput, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    const task = await service.createTask(ctx.em, requireUser(ctx), input);
    return readableTask(ctx, task.id);
  }

  @Mutation(() => PlanTaskView, { description: 'Assigns a task of the city’s plan to a unit (secretariat).' })
  async assignCityTask(@Arg('input') input: CityTaskInput, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    const task = await service.assignCityTask(ctx.em, requireUser(ctx), input);
    return readableTask(ctx, task.id);
  }

  @Mutation(() => PlanTaskView, { description: 'Changes a task’s definition; its deadline moves only through `requestTaskChange`.' })
  async updatePlanTask(@IdArg() id: number, @Arg('input') input: UpdatePlanTaskInput, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    await service.updateTask(ctx.em, requireUser(ctx), id, input);
    return readableTask(ctx, id);
  }

  @Mutation(() => PlanTaskView, { description: 'Records a task’s status, progress and completion date.' })
  async updateTaskProgress(@IdArg() id: number, @Arg('input') input: TaskProgressInput, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    await service.updateProgress(ctx.em, requireUser(ctx), id, input);
    return readableTask(ctx, id);
  }

  @Mutation(() => PlanTaskView, { description: 'Asks the secretariat to move a task’s deadline or cancel it, with a reason.' })
  async requestTaskChange(@Arg('input') input: TaskChangeInput, @Ctx() ctx: AppContext): Promise<PlanTaskView> {
    await service.requestTaskChange(ctx.em, requireUser(ctx), input);
    return readableTask(ctx, input.taskId);
  }

  @Mutation(() => PlanTaskView, { description: 'Approves (applies) or rejects a pending deadline move or cancellation (secretariat).' })
  async decideTaskChange(
    @IdArg() id: number,
    @Arg('approve') approve: boolean,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PlanTaskView> {
    const request = await service.decideTaskChange(ctx.em, requireUser(ctx), id, approve, comment);
    return readableTask(ctx, request.task.id);
  }
}
