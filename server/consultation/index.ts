import type { ServerModule } from '../access/module.ts';
import { Consultation, ConsultationParticipation } from './consultation.entity.ts';
import { consultationFacts, consultationPermissions } from './consultation.permissions.ts';
import { ConsultationResolver } from './consultation.resolver.ts';
import { consultationRoutes } from './consultation.routes.ts';
import { FeedbackComment, FeedbackCommentRevision } from './feedback.entity.ts';
import { FeedbackCommentResolver, ParticipationResolver } from './feedback.resolver.ts';
import { FeedbackResponse, ResponseTemplate } from './response.entity.ts';
import { FeedbackResponseResolver } from './response.resolver.ts';

export const consultationModule: ServerModule = {
  name: 'consultation',
  entities: [Consultation, ConsultationParticipation, FeedbackComment, FeedbackCommentRevision, FeedbackResponse, ResponseTemplate],
  resolvers: [ConsultationResolver, FeedbackCommentResolver, ParticipationResolver, FeedbackResponseResolver],
  permissions: consultationPermissions,
  permissionFacts: consultationFacts,
  routes: consultationRoutes,
};
