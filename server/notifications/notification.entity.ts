import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { CreatedEntity } from '../shared/entity.ts';
import { stringEnum, type EnumValue } from '../shared/enum.ts';

export const NotificationKind = stringEnum(
  'COMMENT',
  'EXPLANATION_REQUESTED',
  'RESULTS_RELEASED',
  'EXPLANATION_LOCKED',
  'DEADLINE_APPROACHING',
  'DEADLINE_PASSED',
);
export type NotificationKind = EnumValue<typeof NotificationKind>;

/** Whether (and how) the notification went out by e-mail; the in-app copy needs none of it. */
export const EmailStatus = stringEnum('NOT_REQUESTED', 'PENDING', 'SENT', 'FAILED');
export type EmailStatus = EnumValue<typeof EmailStatus>;

/**
 * One message to one user. The text is not stored: `kind` + `params` render it in the reader's
 * language (in the app now, in an e-mail later), and `link` is the portal path it points to.
 */
@Entity()
@Index({ properties: ['recipient', 'createdAt'] })
@Unique({ properties: ['recipient', 'dedupeKey'] })
export class Notification extends CreatedEntity<'link' | 'dedupeKey' | 'readAt' | 'emailStatus' | 'emailedAt'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  recipient!: Rel<User>;

  @Enum({ items: () => NotificationKind })
  kind!: NotificationKind;

  /** Values the message needs (unit name, criterion code, deadline…). */
  @Property({ type: 'jsonb' })
  params!: Record<string, string | number | null>;

  @Property({ length: 500, nullable: true })
  link?: string | null;

  /** Set for notifications that must be sent once only (deadline reminders). */
  @Property({ length: 200, nullable: true })
  dedupeKey?: string | null;

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  @Enum({ items: () => EmailStatus, default: EmailStatus.NOT_REQUESTED })
  emailStatus: EmailStatus = EmailStatus.NOT_REQUESTED;

  @Property({ type: 'datetime', nullable: true })
  emailedAt?: Date | null;
}
