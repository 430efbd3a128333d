import type { ServerModule } from '../access/index.ts';
import { authPermissions } from './auth.permissions.ts';
import { AuthResolver } from './auth.resolver.ts';
import { Session } from './session.entity.ts';
import { SignInThrottleEntry } from './sign-in-throttle.entity.ts';
import { User } from './user.entity.ts';
import { UsersResolver } from './users.resolver.ts';

export const authModule: ServerModule = {
  name: 'auth',
  entities: [User, Session, SignInThrottleEntry],
  resolvers: [AuthResolver, UsersResolver],
  permissions: authPermissions,
};

// The public surface: what other modules may use.
export { ActorView, actorFrom } from './actor.types.ts';
export { hashPassword } from './password.ts';
export { SessionService, toAuthUser } from './session.service.ts';
export { User } from './user.entity.ts';
export { createAdministrator, type AdminAccount } from './users.service.ts';
