import type { ServerModule } from '../access/module.ts';
import { authPermissions } from './auth.permissions.ts';
import { AuthResolver } from './auth.resolver.ts';
import { Session } from './session.entity.ts';
import { User } from './user.entity.ts';
import { UsersResolver } from './users.resolver.ts';

export const authModule: ServerModule = {
  name: 'auth',
  entities: [User, Session],
  resolvers: [AuthResolver, UsersResolver],
  permissions: authPermissions,
};
