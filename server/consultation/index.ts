import type { ServerModule } from '../access/index.ts';
import { Consultation, ConsultationParticipation } from './consultation.entity.ts';
import { consultationFacts, consultationPermissions } from './consultation.permissions.ts';
import { ConsultationResolver } from './consultation.resolver.ts';
import { consultationRoutes } from './consultation.routes.ts';
import { FeedbackComment, FeedbackCommentRevision, FeedbackResponse, ResponseTemplate } from './feedback.entity.ts';
import { FeedbackCommentResolver, ParticipationResolver } from './feedback.resolver.ts';
import { FeedbackResponseResolver } from './response.resolver.ts';

export const consultationModule: ServerModule = {
  name: 'consultation',
  entities: [Consultation, ConsultationParticipation, FeedbackComment, FeedbackCommentRevision, FeedbackResponse, ResponseTemplate],
  resolvers: [ConsultationResolver, FeedbackCommentResolver, ParticipationResolver, FeedbackResponseResolver],
  permissions: consultationPermissions,
  permissionFacts: consultationFacts,
  routes: consultationRoutes,
};

// The public surface: what other modules may use.
export { acceptedComments, type AcceptedComment, type RevisedCriterion } from './changes.read.ts';
export { openConsultation } from './consultation.service.ts';
export { FeedbackAspect, FeedbackCommentStatus, FeedbackResolution, FeedbackResponseStatus, ResponseTemplate } from './feedback.entity.ts';
export { addComment, setAgreement, submitAnswer } from './feedback.service.ts';
export { publishResponses, respond } from './response.service.ts';
export { feedbackCommentColumns, feedbackResponseColumns } from './consultation.permissions.ts';
export { FeedbackContentView } from './consultation.types.ts';
