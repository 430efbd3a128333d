import { FeedbackAspect } from './feedback.entity.ts';
import { FeedbackResolution } from './response.entity.ts';

/** Vietnamese names used in the synthesis report (the portal has its own, in both languages). */
export const ASPECT_VI: Record<FeedbackAspect, string> = {
  [FeedbackAspect.SCORING_METHOD]: 'Cách thức chấm điểm',
  [FeedbackAspect.EVIDENCE_REQUIREMENT]: 'Tài liệu kiểm chứng',
  [FeedbackAspect.MAX_POINTS]: 'Điểm tối đa',
  [FeedbackAspect.GENERAL]: 'Ý kiến chung',
};

export const RESOLUTION_VI: Record<FeedbackResolution, string> = {
  [FeedbackResolution.ACCEPTED]: 'Tiếp thu',
  [FeedbackResolution.PARTIALLY_ACCEPTED]: 'Tiếp thu một phần',
  [FeedbackResolution.NOTED]: 'Ghi nhận',
  [FeedbackResolution.NOT_ACCEPTED]: 'Không tiếp thu – giải trình',
};
