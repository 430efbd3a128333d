import { missingRow, type Actor } from '../access/index.ts';
import type { Localized } from '../shared/i18n.ts';

export const PERIOD: Localized = { vi: 'kỳ đánh giá', en: 'Period' };

/** A period that does not exist, as `missingRow` answers it (NOT_FOUND only to who reads every period). */
export const periodNotFound = (actor: Actor, id: number) => missingRow(actor, 'read', 'Period', PERIOD, id);
