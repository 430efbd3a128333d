import { Entity, Enum, OneToOne, OptionalProps, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { StoredFile } from './evidence.entity.ts';
import type { PdfSignature } from './pdf-signatures.ts';
import { ReadingStatus, SignatureStatus } from './reading-status.ts';

/**
 * What a stored file says about itself, read once per content (keyed like the file by SHA-256),
 * kept beside what each unit entered on its Evidence row.
 */
@Entity()
export class DocumentReading {
  [OptionalProps]?: 'status' | 'createdAt' | 'readAt';
  [PrimaryKeyProp]?: 'file';

  @OneToOne(() => StoredFile, { primary: true, deleteRule: 'cascade' })
  file!: Rel<StoredFile>;

  @Enum({ items: () => ReadingStatus })
  status: ReadingStatus = ReadingStatus.PENDING;

  @Property({ length: 100, nullable: true })
  documentNumber?: string | null;

  @Property({ type: 'date', nullable: true })
  issueDate?: string | null;

  @Property({ length: 100, nullable: true })
  place?: string | null;

  @Property({ length: 300, nullable: true })
  issuingBody?: string | null;

  @Property({ length: 100, nullable: true })
  documentType?: string | null;

  @Property({ type: 'text', nullable: true })
  title?: string | null;

  @Property({ type: 'integer', nullable: true })
  pageCount?: number | null;

  /** PDFs only: the worst of `signatures` (NOT_SIGNED when there are none); null for other formats and while pending. */
  @Enum({ items: () => SignatureStatus, nullable: true })
  signatureStatus?: SignatureStatus | null;

  /** Each signature as checked, in file order. */
  @Property({ type: 'json', nullable: true })
  signatures?: PdfSignature[] | null;

  /** Why reading stopped, for the logs and the administrator (the status says it to users). */
  @Property({ type: 'text', nullable: true })
  detail?: string | null;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
