import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The identity every entity but `SeedStep` and `StoredFile` shares: a serial integer primary key named `id`. A mapped
 * superclass (not an entity, no table of its own): each table keeps its own `id` column.
 */
export abstract class IdEntity {
  @PrimaryKey()
  id!: number;
}

/**
 * An entity whose row records when it was created (`created_at`, the database's `now()` on insert). `Optional` names
 * the entity's other properties `em.create` may leave out (MikroORM's `OptionalProps`), as
 * `class Period extends CreatedEntity<'status'>`.
 */
export abstract class CreatedEntity<Optional extends string = never> extends IdEntity {
  [OptionalProps]?: 'createdAt' | Optional;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
