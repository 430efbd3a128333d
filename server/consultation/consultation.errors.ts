import { missingRow, type Actor } from '../access/index.ts';
import { domainError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';

export const CONSULTATION: Localized = { vi: 'đợt lấy ý kiến', en: 'Consultation' };
export const COMMENT: Localized = { vi: 'ý kiến góp ý', en: 'Feedback comment' };

/** A round or comment that does not exist, as `missingRow` answers it (NOT_FOUND only to who reads every one). */
export const consultationNotFound = (actor: Actor, id: number) => missingRow(actor, 'read', 'Consultation', CONSULTATION, id);
export const commentNotFound = (actor: Actor, id: number) => missingRow(actor, 'read', 'FeedbackComment', COMMENT, id);

const when = (date: Date) => date.toISOString();

/** Feedback before `opensAt` or from `closesAt` on. */
export const outsideWindow = (opensAt: Date, closesAt: Date) =>
  domainError(
    'OUTSIDE_CONSULTATION_WINDOW',
    {
      vi: 'Ngoài thời gian lấy ý kiến: không nhận góp ý.',
      en: 'The consultation is not open: no feedback is accepted.',
    },
    { opensAt: when(opensAt), closesAt: when(closesAt) },
  );

export const notInvited = () =>
  domainError(
    'NOT_INVITED',
    {
      vi: 'Đơn vị của bạn không được mời góp ý trong đợt này.',
      en: 'Your unit is not invited to this consultation.',
    },
    { http: { status: 403 } },
  );

export const feedbackSubmitted = () =>
  domainError('FEEDBACK_SUBMITTED', {
    vi: 'Lãnh đạo đơn vị đã xác nhận gửi ý kiến; cần mở lại trước khi sửa.',
    en: 'The unit lead has submitted the unit’s feedback; reopen it before changing anything.',
  });

export const commentWithdrawn = (ids: number[]) =>
  domainError(
    'COMMENT_WITHDRAWN',
    {
      vi: `Ý kiến ${ids.join(', ')} đã được đơn vị rút lại.`,
      en: `Comment ${ids.join(', ')} was withdrawn by its unit.`,
    },
    { commentIds: ids },
  );

export const synthesisPublished = () =>
  domainError('SYNTHESIS_PUBLISHED', {
    vi: 'Bảng tổng hợp đã được công bố; không thể thay đổi.',
    en: 'The synthesis is published; it can no longer change.',
  });
