import { dayText } from '../shared/dates.ts';
import type { Locale } from '../shared/i18n.ts';
import { NotificationKind } from './notification.entity.ts';

type Params = Record<string, string | number | null>;

// Dates read dd/mm/yyyy (24-hour time) in Hà Nội, as the portal writes them, in both languages.
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A moment (ISO timestamp) as `dd/mm/yyyy HH:mm` in Hà Nội. */
const date = (iso: unknown) => (typeof iso === 'string' ? `${DAY.format(new Date(iso))} ${TIME.format(new Date(iso))}` : '');

/** A calendar day ('YYYY-MM-DD', already a day in Hà Nội) as `dd/mm/yyyy`. */
const day = (iso: unknown) => (typeof iso === 'string' ? dayText(iso) : '');

/** The periodic PAR reports, as each language names them. */
const REPORT_NAMES: Record<string, { vi: string; en: string }> = {
  Q1: { vi: 'quý I năm', en: 'first-quarter' },
  H1: { vi: '6 tháng năm', en: 'six-month' },
  Q3: { vi: 'quý III năm', en: 'third-quarter' },
  YEAR: { vi: 'năm', en: 'annual' },
};

/** What a monitoring deadline is about: a plan task or a periodic report. */
function monitoringItem(p: Params, locale: Locale): string {
  const vi = locale === 'vi';
  if (p.step === 'PLAN_TASK') return vi ? `Nhiệm vụ “${p.title}”` : `The task “${p.title}”`;
  const name = REPORT_NAMES[String(p.reportKind)] ?? { vi: String(p.reportKind), en: String(p.reportKind) };
  return vi ? `Báo cáo CCHC ${name.vi} ${p.year}` : `The ${name.en} PAR report of ${p.year}`;
}

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
        ? `Đơn vị cần giải trình ${p.requests} tiêu chí trước ${date(p.closesAt)}.`
        : `Your unit has ${p.requests} sub-criteria to explain before ${date(p.closesAt)}.`;
    case NotificationKind.EXPLANATION_LOCKED:
      return vi
        ? `${p.unitName} đã khóa nội dung giải trình (${p.answers} tiêu chí).`
        : `${p.unitName} locked its explanation (${p.answers} sub-criteria).`;
    case NotificationKind.DEADLINE_PASSED:
      return vi
        ? `${monitoringItem(p, locale)} đã quá hạn (hạn ${day(p.dueOn)}).`
        : `${monitoringItem(p, locale)} is overdue (due ${day(p.dueOn)}).`;
    case NotificationKind.DEADLINE_APPROACHING:
      if (p.step === 'PLAN_TASK' || p.step === 'REPORT')
        return vi
          ? `${monitoringItem(p, locale)} đến hạn ngày ${day(p.dueOn)}.`
          : `${monitoringItem(p, locale)} is due on ${day(p.dueOn)}.`;
      return p.step === 'EXPLANATION'
        ? vi
          ? `Sắp hết hạn giải trình: ${date(p.closesAt)}.`
          : `The explanation deadline is near: ${date(p.closesAt)}.`
        : vi
          ? `Sắp hết hạn tự chấm điểm và chốt điểm: ${date(p.closesAt)}.`
          : `The self-scoring deadline is near: ${date(p.closesAt)}.`;
  }
}
