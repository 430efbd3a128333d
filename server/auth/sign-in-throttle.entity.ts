import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins counted per key (`user:<name>`, `address:<ip>`), the table rate-limiter-flexible's
 * PostgreSQL store reads and writes (its own column names). Kept in the database so the count holds
 * across every API instance; declared here so migrations know the table.
 */
@Entity({ tableName: 'sign_in_throttle' })
export class SignInThrottleEntry {
  @PrimaryKey({ length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  /** Epoch milliseconds when the count resets. */
  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}
