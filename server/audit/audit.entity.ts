import { Entity, Index, ManyToOne, OptionalProps, Property, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { IdEntity } from '../shared/entity.ts';

/**
 * One change to audited data: who, when, what (old → new), and why where a reason is required.
 * Written in the same transaction as the change it records.
 */
@Entity()
@Index({ properties: ['subjectType', 'subjectId'] })
@Index({ properties: ['sheetId'] })
export class AuditEntry extends IdEntity {
  [OptionalProps]?: 'at' | 'before' | 'after' | 'reason' | 'round' | 'sheetId';

  /** Entity name, e.g. 'Score', 'ScoreSheet', 'Appraisal'. */
  @Property({ length: 64 })
  subjectType!: string;

  @Property()
  subjectId!: number;

  /** The score sheet concerned, so a sheet's whole history is one indexed lookup. */
  @Property({ type: 'integer', nullable: true })
  sheetId?: number | null;

  /** e.g. 'self-score', 'submit', 'reopen', 'appraise'. */
  @Property({ length: 64 })
  action!: string;

  @ManyToOne(() => User)
  actor!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  at: Date = new Date();

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Appraisal round (1, 2) where the change belongs to one. */
  @Property({ type: 'smallint', nullable: true })
  round?: number | null;
}
