import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { IdEntity } from '../shared/entity.ts';
import { UnitYearRecord } from './record.entity.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';

/** What a report field holds. */
export const ReportFieldKind = stringEnum('NUMBER', 'TEXT');
export type ReportFieldKind = EnumValue<typeof ReportFieldKind>;

/** One field of a year's report template: a number or a text, under one PAR area (see report.logic.ts). */
export interface ReportField {
  key: string;
  area: number;
  label: string;
  kind: ReportFieldKind;
}

/** The periodic PAR reports of a year: quarter I, 6 months, quarter III (9 months) and the year. */
export const ReportKind = describedEnum({
  Q1: 'Báo cáo quý I',
  H1: 'Báo cáo 6 tháng',
  Q3: 'Báo cáo quý III (9 tháng)',
  YEAR: 'Báo cáo năm',
});
export type ReportKind = EnumValue<typeof ReportKind>;

/** A draft is autosaved; a returned report is edited by the unit and submitted again. */
export const ReportStatus = describedEnum({
  DRAFT: 'Being filled in; only the unit reads it.',
  SUBMITTED: 'Submitted by the unit lead.',
  RETURNED: 'Returned by the secretariat for correction.',
  ACCEPTED: 'Accepted by the secretariat; final.',
});
export type ReportStatus = EnumValue<typeof ReportStatus>;

/** One report period of a year and its deadline, set by the secretariat. */
@Entity()
@Unique({ properties: ['year', 'kind'] })
export class ReportPeriod extends IdEntity {
  @Property()
  year!: number;

  @Enum({ items: () => ReportKind, nativeEnumName: 'report_kind' })
  kind!: ReportKind;

  /** 'YYYY-MM-DD': a report first submitted on or before this day (Hà Nội time) is on time. */
  @Property({ type: 'date' })
  deadline!: string;
}

/**
 * A unit's report for one period: values of the year's template fields (numbers and text per PAR
 * area), filled in by the unit's staff, submitted by its lead, accepted or returned by the secretariat.
 */
@Entity()
@Unique({ properties: ['period', 'unit'] })
@Index({ properties: ['year', 'unit'] })
export class PeriodicReport extends UnitYearRecord {
  [OptionalProps]?:
    | 'values'
    | 'status'
    | 'firstSubmittedAt'
    | 'countedSubmittedAt'
    | 'submittedAt'
    | 'submittedBy'
    | 'returnedAt'
    | 'returnComment'
    | 'decidedBy'
    | 'decidedAt'
    | 'updatedAt'
    | 'updatedBy'
    | 'version';

  @ManyToOne(() => ReportPeriod)
  period!: Rel<ReportPeriod>;

  /** Template field key → number or text. */
  @Property({ type: 'jsonb' })
  values: Record<string, number | string> = {};

  @Enum({ items: () => ReportStatus, nativeEnumName: 'report_status', default: ReportStatus.DRAFT })
  status: ReportStatus = ReportStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  firstSubmittedAt?: Date | null;

  /** The submission timeliness is judged by: the first one, unless the secretariat ruled on a return that the next one counts. */
  @Property({ type: 'datetime', nullable: true })
  countedSubmittedAt?: Date | null;

  /** The latest submission. */
  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  submittedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  returnedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  returnComment?: string | null;

  @ManyToOne(() => User, { nullable: true })
  decidedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true })
  updatedBy?: Rel<User> | null;
}
