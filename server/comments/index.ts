import type { ServerModule } from '../access/module.ts';
import { Comment, CommentRead, CommentRevision } from './comment.entity.ts';
import { commentsPermissions } from './comments.permissions.ts';
import {
  AppraisalItemCommentsResolver, CommentsResolver, QueueItemCommentsResolver, QueueSheetCommentsResolver,
} from './comments.resolver.ts';

export const commentsModule: ServerModule = {
  name: 'comments',
  entities: [Comment, CommentRevision, CommentRead],
  resolvers: [CommentsResolver, AppraisalItemCommentsResolver, QueueItemCommentsResolver, QueueSheetCommentsResolver],
  permissions: commentsPermissions,
};
