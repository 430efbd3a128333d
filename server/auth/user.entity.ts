import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Unit } from '../units/index.ts';
import { Role } from '../access/index.ts';
import { CreatedEntity } from '../shared/entity.ts';

@Entity({ tableName: 'app_user' })
export class User extends CreatedEntity<
  'roles' | 'active' | 'mustChangePassword' | 'oneTimeCodeExpiresAt' | 'oneTimeCodeUsedAt' | 'version'
> {
  @Property({ length: 64, unique: true })
  username!: string;

  @Property({ length: 200 })
  displayName!: string;

  /** `scrypt$N$r$p$salt$hash`, see password.ts. Never sent to clients. */
  @Property({ hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: () => Role, array: true })
  roles: Role[] = [];

  /** Set for unit roles (UNIT_STAFF, UNIT_LEAD); appraisers may also belong to a unit. */
  @ManyToOne(() => Unit, { nullable: true })
  unit?: Rel<Unit> | null;

  @Property({ default: true })
  active: boolean = true;

  /** Set for an account whose password someone else chose (the first administrator): it must be changed at the first sign-in. */
  @Property({ default: false })
  mustChangePassword: boolean = false;

  /**
   * Set while the password is a one-time code an administrator was shown (a new account, a reset): the code opens
   * one sign-in until then, and that sign-in must choose a new password. Cleared by the password change.
   */
  @Property({ type: 'datetime', nullable: true })
  oneTimeCodeExpiresAt?: Date | null;

  /** When the one-time code opened its sign-in: a second sign-in with it is refused. */
  @Property({ type: 'datetime', nullable: true })
  oneTimeCodeUsedAt?: Date | null;

  /** Administrators manage accounts together: each `updateUser` sends the version it was made on (shared/version.ts). */
  @Property({ version: true })
  version: number = 1;
}
