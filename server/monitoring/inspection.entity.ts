import { Entity, Index, ManyToOne, OptionalProps, Property, type Rel } from '@mikro-orm/core';
import { StoredFile } from '../evidence/index.ts';
import { UnitYearRecord } from './record.entity.ts';

/** An inspection a unit held of a subordinate office or commune (kiểm tra CCHC). */
@Entity()
@Index({ properties: ['unit', 'year'] })
export class Inspection extends UnitYearRecord {
  [OptionalProps]?:
    'conclusionNumber' | 'conclusionFile' | 'conclusionFileName' | 'shortcomingsFound' | 'shortcomingsHandled' | 'createdAt' | 'version';

  /** The inspected office or commune, e.g. "UBND phường Lê Lợi". */
  @Property({ length: 300 })
  target!: string;

  @Property({ type: 'date' })
  inspectedOn!: string;

  /** Số, ký hiệu of the conclusion (thông báo kết luận kiểm tra). */
  @Property({ length: 100, nullable: true })
  conclusionNumber?: string | null;

  @ManyToOne(() => StoredFile, { nullable: true })
  conclusionFile?: Rel<StoredFile> | null;

  @Property({ length: 255, nullable: true })
  conclusionFileName?: string | null;

  @Property({ type: 'smallint', default: 0 })
  shortcomingsFound: number = 0;

  @Property({ type: 'smallint', default: 0 })
  shortcomingsHandled: number = 0;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
