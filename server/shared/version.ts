import { AppError } from './errors.ts';
import type { Localized } from './i18n.ts';

/**
 * Optimistic concurrency for records several people edit (a comment's text, an answer, a plan task, a report…):
 * the row carries `version`, 1 when created and one more on every change (MikroORM's `@Property({ version: true })`
 * counts it on each update it writes); a record that does not exist yet stands at version 0.
 */
export interface Versioned {
  version: number;
}

const EDITED_MEANWHILE: Localized = {
  vi: 'Nội dung này vừa được người khác sửa; hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
  en: 'Someone else changed this meanwhile; reload to see the latest version, then edit again.',
};

/**
 * The check every edit of a shared record makes once it holds the row's lock: the client sends the `version` it
 * edited, and a row that moved on since (or a missing one, at 0) answers CONFLICT with the version it is at, so the
 * client reloads instead of overwriting someone else's change. `messages` names the record when it says more.
 */
export function assertVersion(row: Versioned | null | undefined, edited: number, messages: Localized = EDITED_MEANWHILE): void {
  const current = row?.version ?? 0;
  if (current !== edited) throw new AppError('CONFLICT', messages, { version: current });
}
