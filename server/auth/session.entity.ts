import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { CreatedEntity } from '../shared/entity.ts';
import { User } from './user.entity.ts';

/** A sign-in. Only the SHA-256 of the token is stored, so a database leak yields no usable token. */
@Entity()
@Index({ properties: ['user'] })
export class Session extends CreatedEntity {
  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property()
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
