import { FieldResolver, Resolver, Root } from 'type-graphql';
import { documentUrl, INSPECTION_CONCLUSION, PLAN_FILE, TASK_OUTPUT } from './files.service.ts';
import { InspectionView } from './inspection.types.ts';
import { AnnualPlanView, PlanTaskView } from './plan.types.ts';

const GET = 'GET it with the session cookie or a bearer token; upload a new one by POSTing multipart `file` there. Null until uploaded.';

@Resolver(() => AnnualPlanView)
export class PlanFileResolver {
  @FieldResolver(() => String, { nullable: true, description: `The issued plan document. ${GET}` })
  fileUrl(@Root() plan: AnnualPlanView): string | null {
    return plan.fileSha256 ? documentUrl(PLAN_FILE, plan.id) : null;
  }
}

@Resolver(() => PlanTaskView)
export class TaskOutputResolver {
  @FieldResolver(() => String, { nullable: true, description: `The output document. ${GET}` })
  outputFileUrl(@Root() task: PlanTaskView): string | null {
    return task.outputFileSha256 ? documentUrl(TASK_OUTPUT, task.id) : null;
  }
}

@Resolver(() => InspectionView)
export class InspectionConclusionResolver {
  @FieldResolver(() => String, { nullable: true, description: `The conclusion document. ${GET}` })
  conclusionFileUrl(@Root() inspection: InspectionView): string | null {
    return inspection.conclusionFileSha256 ? documentUrl(INSPECTION_CONCLUSION, inspection.id) : null;
  }
}
