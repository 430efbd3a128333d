import type { Locale } from '../shared/i18n.ts';
import { NotificationKind } from './notification.entity.ts';

type Params = Record<string, string | number | null>;

const date = (iso: unknown, locale: Locale) =>
  typeof iso === 'string'
    ? new Date(iso).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '';

/**
 * The text of a notification in the reader's language. Kept on the server so an e-mail
 * channel can render the same record later.
 */
export function renderNotification(kind: NotificationKind, p: Params, locale: Locale): string {
  const vi = locale === 'vi';
  switch (kind) {
    case NotificationKind.COMMENT:
      return vi
        ? `${p.authorName} bình luận về tiêu chí ${p.criterionCode} (${p.unitName}): “${p.excerpt}”`
        : `${p.authorName} commented on ${p.criterionCode} (${p.unitName}): “${p.excerpt}”`;
    case NotificationKind.RESULTS_RELEASED:
      if (p.round === 2)
        return vi ? `Đã có kết quả thẩm định chính thức của ${p.periodName}.` : `Final appraisal results of ${p.periodName} are out.`;
      return vi
        ? `Đã công bố kết quả thẩm định lần 1 của ${p.periodName}; có ${p.requests} yêu cầu giải trình.`
        : `Round-1 appraisal results of ${p.periodName} are out; ${p.requests} requests for explanation.`;
    case NotificationKind.EXPLANATION_REQUESTED:
      return vi
        ? `Đơn vị cần giải trình ${p.requests} tiêu chí trước ${date(p.closesAt, locale)}.`
        : `Your unit has ${p.requests} sub-criteria to explain before ${date(p.closesAt, locale)}.`;
    case NotificationKind.EXPLANATION_LOCKED:
      return vi
        ? `${p.unitName} đã khóa nội dung giải trình (${p.answers} tiêu chí).`
        : `${p.unitName} locked its explanation (${p.answers} sub-criteria).`;
    case NotificationKind.DEADLINE_APPROACHING:
      return p.step === 'EXPLANATION'
        ? vi
          ? `Sắp hết hạn giải trình: ${date(p.closesAt, locale)}.`
          : `The explanation deadline is near: ${date(p.closesAt, locale)}.`
        : vi
          ? `Sắp hết hạn tự chấm điểm và chốt điểm: ${date(p.closesAt, locale)}.`
          : `The self-scoring deadline is near: ${date(p.closesAt, locale)}.`;
  }
}
