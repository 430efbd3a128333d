import {
  BigIntType,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Score, ScoreSheet } from '../scoring/index.ts';
import { IdEntity } from '../shared/entity.ts';

/**
 * File content, stored once under its SHA-256 (see storage.ts): the same file uploaded twice,
 * by one unit or several, is one row and one stored copy.
 */
@Entity()
export class StoredFile {
  [OptionalProps]?: 'createdAt';
  [PrimaryKeyProp]?: 'sha256';

  /** Lower-case hex; also the storage key. */
  @PrimaryKey({ length: 64 })
  sha256!: string;

  @Property({ type: new BigIntType('number') })
  size!: number;

  /** Detected from the content, never from the name. */
  @Property({ length: 127 })
  contentType!: string;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/**
 * An evidence document (tài liệu kiểm chứng) of one score sheet: the file with the document's
 * citation (number/symbol, date, issuing body, title). One document can support several sub-criteria.
 */
@Entity()
@Unique({ properties: ['sheet', 'file'] })
export class Evidence extends IdEntity {
  [OptionalProps]?: 'uploadedAt' | 'documentNumber' | 'issueDate' | 'issuingBody' | 'title' | 'uploadedBy' | 'version';

  @ManyToOne(() => ScoreSheet, { deleteRule: 'cascade' })
  sheet!: Rel<ScoreSheet>;

  @ManyToOne(() => StoredFile)
  file!: Rel<StoredFile>;

  /** The uploaded name, for display and downloads only; never used as a path. */
  @Property({ length: 255 })
  fileName!: string;

  /** Số, ký hiệu, e.g. "243/KH-UBND". */
  @Property({ length: 100, nullable: true })
  documentNumber?: string | null;

  /** 'YYYY-MM-DD'. */
  @Property({ type: 'date', nullable: true })
  issueDate?: string | null;

  @Property({ length: 300, nullable: true })
  issuingBody?: string | null;

  @Property({ type: 'text', nullable: true })
  title?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  uploadedBy?: Rel<User> | null;

  @Property({ defaultRaw: 'now()' })
  uploadedAt: Date = new Date();

  /** A unit's staff cite one document together: each edit of its citation sends the version it was made on (shared/version.ts). */
  @Property({ version: true })
  version: number = 1;
}

/**
 * Evidence supporting one sub-criterion's score. At submission the SHA-256 of the linked file is
 * recorded here, so appraisers judge exactly what was submitted.
 */
@Entity()
@Unique({ properties: ['score', 'evidence'] })
@Index({ properties: ['evidence'] })
export class EvidenceLink extends IdEntity {
  [OptionalProps]?: 'linkedAt' | 'frozenSha256' | 'frozenAt' | 'linkedBy';

  @ManyToOne(() => Score, { deleteRule: 'cascade' })
  score!: Rel<Score>;

  @ManyToOne(() => Evidence, { deleteRule: 'cascade' })
  evidence!: Rel<Evidence>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  linkedBy?: Rel<User> | null;

  @Property({ defaultRaw: 'now()' })
  linkedAt: Date = new Date();

  /** Set at submission (null while the sheet is a draft). */
  @Property({ length: 64, nullable: true })
  frozenSha256?: string | null;

  @Property({ type: 'datetime', nullable: true })
  frozenAt?: Date | null;
}
