import type { EntityManager } from '@mikro-orm/postgresql';
import { withPermission, type Actor } from '../access/index.ts';
import { User } from '../auth/index.ts';
import { intArray } from '../shared/sql.ts';
import { Notification, NotificationKind } from './notification.entity.ts';

export interface NotificationDraft {
  kind: NotificationKind;
  params: Record<string, string | number | null>;
  link?: string | null;
}

/** Queues one notification per recipient on `em`; they are written with the change that caused them. */
export function notify(em: EntityManager, recipientIds: Iterable<number>, draft: NotificationDraft): void {
  for (const id of new Set(recipientIds)) {
    em.create(Notification, { recipient: em.getReference(User, id), kind: draft.kind, params: draft.params, link: draft.link ?? null });
  }
}

/** The active staff and leads of each unit: who hears about their unit's appraisal. */
export async function unitMembers(em: EntityManager, unitIds: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await em.execute<{ id: number; unit_id: number }[]>(
    `select id, unit_id from app_user
      where active and unit_id = any(?::int[]) and roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]`,
    [intArray(unitIds)],
  );
  const members = new Map<number, number[]>(unitIds.map((id) => [id, []]));
  for (const row of rows) members.get(row.unit_id)?.push(row.id);
  return members;
}

/** Notifies the members of each row's unit, each row with its own message. */
export async function notifyUnits<T extends { unit_id: number }>(
  em: EntityManager,
  rows: T[],
  draft: (row: T) => NotificationDraft,
): Promise<void> {
  const members = await unitMembers(
    em,
    rows.map((row) => row.unit_id),
  );
  for (const row of rows) notify(em, members.get(row.unit_id) ?? [], draft(row));
}

/**
 * Inserts notifications that must exist once only (reminders): a recipient who already has one
 * with the same `dedupeKey` gets nothing. Returns how many were created.
 */
export async function notifyOnce(
  em: EntityManager,
  recipientIds: readonly number[],
  draft: NotificationDraft,
  dedupeKey: string,
): Promise<number> {
  if (recipientIds.length === 0) return 0;
  const rows = await em.execute<{ id: number }[]>(
    `insert into notification (recipient_id, kind, params, link, dedupe_key)
     select r, ?, ?::jsonb, ?, ? from unnest(?::int[]) as r
     on conflict (recipient_id, dedupe_key) do nothing returning id`,
    [draft.kind, JSON.stringify(draft.params), draft.link ?? null, dedupeKey, intArray(recipientIds)],
  );
  return rows.length;
}

/** Marks the caller's notifications `ids` (all when null) read. */
export async function markNotificationsRead(em: EntityManager, actor: Actor, ids: number[] | null): Promise<void> {
  const where = withPermission<Notification>(actor.ability, 'update', 'Notification', {
    readAt: null,
    ...(ids ? { id: { $in: ids } } : {}),
  });
  if (where) await em.nativeUpdate(Notification, where, { readAt: new Date() });
}
