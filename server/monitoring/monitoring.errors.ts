import { domainError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';

export const PLAN: Localized = { vi: 'kế hoạch', en: 'Plan' };
export const TASK: Localized = { vi: 'nhiệm vụ', en: 'Task' };
export const CHANGE_REQUEST: Localized = { vi: 'đề nghị điều chỉnh', en: 'Change request' };
export const YEAR: Localized = { vi: 'năm theo dõi', en: 'Monitoring year' };
export const REPORT_PERIOD: Localized = { vi: 'kỳ báo cáo', en: 'Report period' };
export const REPORT: Localized = { vi: 'báo cáo', en: 'Report' };
export const INSPECTION: Localized = { vi: 'cuộc kiểm tra', en: 'Inspection' };

/** The secretariat has not configured (opened) monitoring for the year. */
export const yearNotConfigured = (year: number) =>
  domainError(
    'YEAR_NOT_CONFIGURED',
    {
      vi: `Năm ${year} chưa được Sở Nội vụ thiết lập để theo dõi.`,
      en: `Monitoring for ${year} has not been set up by the secretariat.`,
    },
    { field: 'year', year },
  );

export const taskCancelled = () =>
  domainError('TASK_CANCELLED', { vi: 'Nhiệm vụ đã bị hủy; không thể cập nhật.', en: 'The task is cancelled; it cannot change.' });

export const changePending = () =>
  domainError('CHANGE_PENDING', {
    vi: 'Nhiệm vụ đang có một đề nghị điều chỉnh chờ phê duyệt.',
    en: 'The task already has a change request waiting for approval.',
  });
