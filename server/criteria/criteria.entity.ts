import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Rel, Unique } from '@mikro-orm/core';
import { UnitBlock } from '../units/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';

export const CriteriaSetStatus = describedEnum({
  DRAFT: 'Being written by the secretariat (dự thảo).',
  CONSULTATION: 'Out for consultation with the units; frozen.',
  PUBLISHED: 'In force; immutable — changes go into a new version.',
  ARCHIVED: 'Replaced by a later published version.',
});
export type CriteriaSetStatus = EnumValue<typeof CriteriaSetStatus>;

/** A SURVEY criterion's points come from the sociological survey import; it is never self-scored. */
export const CriterionKind = stringEnum('SELF_SCORED', 'SURVEY', 'BONUS', 'DEDUCTION');
export type CriterionKind = EnumValue<typeof CriterionKind>;

/**
 * One scoring band of a leaf: a fixed value (min = max, e.g. "on time" → 1) or a range
 * (e.g. a rate scored proportionally between 0 and 2). Decimal strings, two places.
 */
export interface ScoringBand {
  label: string;
  minPoints: string;
  maxPoints: string;
}

/** One version of the criteria for one block and year (bộ tiêu chí). */
@Entity()
@Unique({ properties: ['year', 'block', 'version'] })
export class CriteriaSet extends CreatedEntity<'status'> {
  @Property()
  year!: number;

  @Enum({ items: () => UnitBlock, nativeEnumName: 'unit_block' })
  block!: UnitBlock;

  @Property()
  version!: number;

  @Property({ length: 500 })
  title!: string;

  @Enum({ items: () => CriteriaSetStatus })
  status: CriteriaSetStatus = CriteriaSetStatus.DRAFT;

  @ManyToOne(() => CriteriaSet, { nullable: true, deleteRule: 'set null' })
  previousVersion?: Rel<CriteriaSet> | null;

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;
}

/** A node of the tree: area → criterion → sub-criterion; depth is data. Leaves are scored. */
@Entity()
@Unique({ properties: ['criteriaSet', 'code'] })
@Index({ properties: ['criteriaSet', 'parent', 'position'] })
export class Criterion extends IdEntity {
  [OptionalProps]?: 'kind' | 'bands' | 'version';

  @ManyToOne(() => CriteriaSet, { deleteRule: 'cascade' })
  criteriaSet!: Rel<CriteriaSet>;

  @ManyToOne(() => Criterion, { nullable: true, deleteRule: 'cascade' })
  parent?: Rel<Criterion> | null;

  /** e.g. "3.2.1"; unique within the set. */
  @Property({ length: 32 })
  code!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  guidance?: string | null;

  /** Exact decimal; for a parent always the sum of its children (kept by the service). */
  @Property({ type: 'decimal', precision: 7, scale: 2 })
  maxPoints!: string;

  @Enum({ items: () => CriterionKind })
  kind: CriterionKind = CriterionKind.SELF_SCORED;

  @Property({ type: 'text', nullable: true })
  scoringMethod?: string | null;

  @Property({ type: 'jsonb' })
  bands: ScoringBand[] = [];

  @Property({ type: 'text', nullable: true })
  evidenceRequirement?: string | null;

  /** Order among siblings, from 0. */
  @Property()
  position!: number;

  /**
   * The secretariat's staff edit one draft together: each edit of the criterion sends the version it was made on (see
   * shared/version.ts). Not the set's `version`, which numbers the editions of the criteria.
   */
  @Property({ version: true })
  version: number = 1;
}
