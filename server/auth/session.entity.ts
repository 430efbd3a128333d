import { Entity, Index, ManyToOne, OptionalProps, Property, type Rel } from '@mikro-orm/core';
import { IdEntity } from '../shared/entity.ts';
import { User } from './user.entity.ts';

/** A sign-in. Only the SHA-256 of the token is stored, so a database leak yields no usable token. */
@Entity()
@Index({ properties: ['user'] })
export class Session extends IdEntity {
  [OptionalProps]?: 'createdAt';

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property()
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
