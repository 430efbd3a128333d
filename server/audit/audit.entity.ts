import { Entity, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { IdEntity } from '../shared/entity.ts';

/**
 * One official act: who, when, what (old → new), and why where a reason is required. Written in the same
 * transaction as the change it records.
 *
 * Append-only (migration audit_chain): the request role may only INSERT and SELECT rows, and a trigger refuses
 * UPDATE, DELETE and TRUNCATE to anyone. Committed rows are sealed into a hash chain (migration
 * audit_chain_sealed_after): `seq` is its place, `prevHash` the previous row's `hash`, `hash` the SHA-256 of
 * `prevHash` and the row's content (SQL function audit_entry_digest). A writer seals at commit when the chain is
 * free, else the next one does, the audit job or verifying; so writers never wait on each other for the chain.
 * The ORM never writes these three columns (they arrive cleared).
 */
@Entity()
@Index({ properties: ['subjectType', 'subjectId'] })
@Index({
  name: 'audit_entry_unsealed_index',
  expression: 'create index "audit_entry_unsealed_index" on "audit_entry" ("id") where "seq" is null',
})
@Index({ properties: ['sheetId'] })
export class AuditEntry extends IdEntity {
  [OptionalProps]?: 'at' | 'before' | 'after' | 'reason' | 'round' | 'sheetId' | 'actor' | 'seq' | 'prevHash' | 'hash';

  /** Entity name, e.g. 'Score', 'ScoreSheet', 'Appraisal', 'User', 'SignIn'. */
  @Property({ length: 64 })
  subjectType!: string;

  @Property()
  subjectId!: number;

  /** The score sheet concerned, so a sheet's whole history is one indexed lookup. */
  @Property({ type: 'integer', nullable: true })
  sheetId?: number | null;

  /** e.g. 'self-score', 'submit', 'reopen', 'appraise', 'sign-in', 'sign-in-failed'. */
  @Property({ length: 64 })
  action!: string;

  /**
   * The acting user (app_user), by name so this module stays below auth; none for an act without a known user
   * (a failed sign-in, the operator's admin:create).
   */
  @ManyToOne({ entity: 'User', nullable: true, deleteRule: 'no action' })
  actor?: Rel<IdEntity> | null;

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

  /** Place in the hash chain, set when the row is sealed. */
  @Unique()
  @Property({ type: 'bigint', nullable: true })
  seq?: string | null;

  /** SHA-256 (hex) of the previous row in the chain; null for the first. */
  @Property({ length: 64, nullable: true })
  prevHash?: string | null;

  /** SHA-256 (hex) of prevHash and this row's content. */
  @Property({ length: 64, nullable: true })
  hash?: string | null;
}
