import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A seed step already applied, so starting twice never seeds twice. */
@Entity()
export class SeedStep {
  [OptionalProps]?: 'appliedAt';

  @PrimaryKey({ length: 100 })
  name!: string;

  @Property({ defaultRaw: 'now()' })
  appliedAt: Date = new Date();
}
