import type { Localized } from '../shared/i18n.ts';

export const CRITERIA_SET: Localized = { vi: 'bộ tiêu chí', en: 'Criteria set' };
