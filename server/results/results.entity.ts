import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { Period } from '../periods/index.ts';
import { Unit, UnitBlock } from '../units/index.ts';
import { IdEntity } from '../shared/entity.ts';

/** One survey import (điều tra xã hội học): the same file twice for a period is refused. */
@Entity()
@Unique({ properties: ['period', 'sha256'] })
export class SurveyImport extends IdEntity {
  [OptionalProps]?: 'importedAt';

  @ManyToOne(() => Period)
  period!: Rel<Period>;

  @Property({ length: 255 })
  fileName!: string;

  /** Of the file's bytes. */
  @Property({ length: 64 })
  sha256!: string;

  @Property()
  rowCount!: number;

  /** Rows that replaced points imported before. */
  @Property()
  replacedCount!: number;

  @ManyToOne(() => User)
  importedBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  importedAt: Date = new Date();
}

/** The imported points of one unit on one survey (SURVEY) sub-criterion; never self-scored. */
@Entity()
@Unique({ properties: ['period', 'unit', 'criterion'] })
@Index({ properties: ['criterion'] })
export class SurveyResult extends IdEntity {
  @ManyToOne(() => Period)
  period!: Rel<Period>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  @ManyToOne(() => Criterion)
  criterion!: Rel<Criterion>;

  @Property({ type: 'decimal', precision: 7, scale: 2 })
  points!: string;

  @ManyToOne(() => SurveyImport, { deleteRule: 'cascade' })
  surveyImport!: Rel<SurveyImport>;
}

/** A period's results made public by the secretariat (công bố); until then only secretariat and appraisers see totals. */
@Entity()
export class PeriodPublication extends IdEntity {
  [OptionalProps]?: 'publishedAt';

  @OneToOne(() => Period, { owner: true, unique: true })
  period!: Rel<Period>;

  @ManyToOne(() => User)
  publishedBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  publishedAt: Date = new Date();
}

/** A ranking group threshold of a period, e.g. A from 90 %; a period without rows uses the defaults. */
@Entity()
@Unique({ properties: ['period', 'code'] })
export class ResultGroup extends IdEntity {
  @ManyToOne(() => Period, { deleteRule: 'cascade' })
  period!: Rel<Period>;

  @Property({ length: 16 })
  code!: string;

  @Property({ length: 200 })
  label!: string;

  /** Index from which a unit is in this group (inclusive), in %. */
  @Property({ type: 'decimal', precision: 6, scale: 2 })
  minIndex!: string;
}

/**
 * What a unit's rows add to one area of its period's results, kept by the database in the same
 * transaction as every write to `score`, `appraisal`, `survey_result` and `score_sheet` (triggers of
 * migration ResultTotals), so a ranking reads one row per unit and area instead of every score.
 * Both bases are kept; the period's status picks one when read (results.sql.ts). Never written by
 * the application.
 */
@Entity()
export class ResultTotal {
  @PrimaryKey() periodId!: number;
  @PrimaryKey() unitId!: number;
  @PrimaryKey() areaId!: number;
  /** The not-applicable self-scored and survey leaves' maxima, negative. */
  @Property({ type: 'decimal', precision: 9, scale: 2 }) maxOff!: string;
  /** Applicable self-scored leaves on the self-score, plus the survey points. */
  @Property({ type: 'decimal', precision: 9, scale: 2 }) selfAchieved!: string;
  /** The same on the final score (round 2, else round 1, else the self-score). */
  @Property({ type: 'decimal', precision: 9, scale: 2 }) appraisedAchieved!: string;
  @Property({ type: 'decimal', precision: 9, scale: 2 }) survey!: string;
  /** The not-applicable survey leaves' maxima, negative. */
  @Property({ type: 'decimal', precision: 9, scale: 2 }) surveyMaxOff!: string;
  /** Survey leaves answered or not applicable, negative (missing = survey leaves + this). */
  @Property() surveyMissingOff!: number;
  @Property({ type: 'decimal', precision: 9, scale: 2 }) selfBonus!: string;
  @Property({ type: 'decimal', precision: 9, scale: 2 }) appraisedBonus!: string;
  @Property({ type: 'decimal', precision: 9, scale: 2 }) selfDeduction!: string;
  @Property({ type: 'decimal', precision: 9, scale: 2 }) appraisedDeduction!: string;
}

/**
 * One unit's result in a published period, as the ranking computes it (results.sql.ts), written in the
 * publication's transaction (`snapshotResults`) so a published ranking reads one row per unit instead
 * of recomputing every unit's totals. Dropped by the database when the publication is withdrawn or
 * anything it was computed from changes (migration result_snapshot); a period without one is computed live.
 */
@Entity()
export class ResultSnapshot {
  @PrimaryKey() periodId!: number;
  @PrimaryKey() unitId!: number;
  @Enum({ items: () => UnitBlock, nativeEnumName: 'unit_block' }) block!: UnitBlock;
  @Property() final!: boolean;
  @Property({ length: 16, nullable: true }) sheetStatus?: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) max!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) achieved!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) selfAchieved!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) appraisedAchieved!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) survey!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) surveyMax!: string;
  @Property() surveyMissing!: number;
  @Property({ type: 'decimal', columnType: 'numeric' }) bonusRaw!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) bonusCap!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) bonus!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) deductionRaw!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) deductionCap!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) deduction!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) total!: string;
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true }) index?: string;
  @Property({ nullable: true }) rank?: number;
  @Property() blockSize!: number;
}

/** One area of a unit's result in a published period, with the block's average component index (see ResultSnapshot). */
@Entity()
export class ResultAreaSnapshot {
  @PrimaryKey() periodId!: number;
  @PrimaryKey() unitId!: number;
  @PrimaryKey() areaId!: number;
  @Enum({ items: () => UnitBlock, nativeEnumName: 'unit_block' }) block!: UnitBlock;
  @Property({ length: 32 }) areaCode!: string;
  @Property({ type: 'text' }) areaTitle!: string;
  @Property() areaPosition!: number;
  @Property({ type: 'decimal', columnType: 'numeric' }) areaMax!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) areaAchieved!: string;
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true }) areaIndex?: string;
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true }) areaBlockAverage?: string;
}
