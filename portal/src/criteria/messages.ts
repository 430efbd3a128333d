import { bilingual } from '../shared/i18n';

/** Each text in Vietnamese, then in English. */
export const messages = bilingual({
  criteria: {
    menu: ['Bộ tiêu chí', 'Criteria'],
    title: ['Bộ tiêu chí đánh giá Chỉ số CCHC', 'PAR Index criteria sets'],
    chooseSet: ['Bộ tiêu chí', 'Criteria set'],
    version: ['phiên bản {n}', 'version {n}'],
    total: ['Tổng điểm tối đa (lĩnh vực 1–8): {points}', 'Maximum points (areas 1–8): {points}'],
    counts: [
      '{areas} lĩnh vực · {criteria} tiêu chí · {leaves} tiêu chí thành phần',
      '{areas} areas · {criteria} criteria · {leaves} sub-criteria',
    ],
    expandAll: ['Mở rộng tất cả', 'Expand all'],
    collapseAll: ['Thu gọn tất cả', 'Collapse all'],
    search: ['Tìm theo mã hoặc tên…', 'Search by code or title…'],
    points: ['{points} điểm', '{points} point | {points} points'],
    scoringMethod: ['Cách chấm điểm', 'Scoring method'],
    bands: ['Mức điểm', 'Bands'],
    evidenceRequirement: ['Tài liệu kiểm chứng', 'Evidence required'],
    guidance: ['Hướng dẫn', 'Guidance'],
    none: ['Chưa có bộ tiêu chí nào.', 'No criteria set yet.'],
    status: {
      DRAFT: ['Dự thảo', 'Draft'],
      CONSULTATION: ['Đang lấy ý kiến', 'In consultation'],
      PUBLISHED: ['Đã ban hành', 'Published'],
      ARCHIVED: ['Đã thay thế', 'Archived'],
    },
    kind: {
      SELF_SCORED: ['Tự chấm', 'Self-scored'],
      SURVEY: ['Điều tra XHH', 'Survey'],
      BONUS: ['Điểm thưởng', 'Bonus'],
      DEDUCTION: ['Điểm trừ', 'Deduction'],
    },
  },
});
