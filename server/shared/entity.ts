import { PrimaryKey } from '@mikro-orm/core';

/**
 * The identity every entity but `SeedStep` and `StoredFile` shares: a serial integer primary key named `id`. A mapped
 * superclass (not an entity, no table of its own): each table keeps its own `id` column.
 */
export abstract class IdEntity {
  @PrimaryKey()
  id!: number;
}
