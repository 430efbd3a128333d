import type { ServerModule } from '../access/index.ts';
import { Appraisal } from './appraisal.entity.ts';
import { appraisalPermissions } from './appraisal.permissions.ts';
import { AppraisalResolver } from './appraisal.resolver.ts';
import { appraisalRoutes } from './appraisal.routes.ts';
import { AppraisalAssignment } from './assignment.entity.ts';
import { Comment, CommentRead, CommentRevision } from './comment.entity.ts';
import {
  AppraisalItemCommentsResolver,
  CommentsResolver,
  QueueItemCommentsResolver,
  QueueSheetCommentsResolver,
} from './comments.resolver.ts';
import { AppraisalCycle, SheetReview } from './cycle.entity.ts';
import { CycleResolver } from './cycle.resolver.ts';
import { EvidenceVerdict, ExplanationEvidence, ExplanationRequest } from './explanation.entity.ts';
import { sendExplanationReminders } from './explanation.reminders.ts';

/** Appraisal rounds, explanations and the appraisal discussion (comments on scores and evidence). */
export const appraisalModule: ServerModule = {
  name: 'appraisal',
  entities: [
    Appraisal,
    AppraisalAssignment,
    AppraisalCycle,
    SheetReview,
    ExplanationRequest,
    ExplanationEvidence,
    EvidenceVerdict,
    Comment,
    CommentRevision,
    CommentRead,
  ],
  resolvers: [
    CycleResolver,
    AppraisalResolver,
    CommentsResolver,
    AppraisalItemCommentsResolver,
    QueueItemCommentsResolver,
    QueueSheetCommentsResolver,
  ],
  permissions: appraisalPermissions,
  routes: appraisalRoutes,
  jobs: [{ name: 'explanation-reminders', everyMs: 3_600_000, run: sendExplanationReminders }],
};

// The public surface: what other modules may use.
export { AppraisalAssignment } from './assignment.entity.ts';
export { assignAppraiser } from './assignment.service.ts';
export { sheetReviewColumns } from './appraisal.permissions.ts';
export { appraisalRoundsJoin, capSql, finalAppraisalSql, finalPointsSql, joinedSources } from './final-score.sql.ts';
