import { missingRow, type Actor } from '../access/index.ts';
import type { Localized } from '../shared/i18n.ts';

export const UNIT: Localized = { vi: 'đơn vị', en: 'Unit' };

/** A unit that does not exist, as `missingRow` answers it (NOT_FOUND only to who reads every unit). */
export const unitNotFound = (actor: Actor, id: number) => missingRow(actor, 'read', 'Unit', UNIT, id);
