// Usage: node --import ./server/register.js scripts/bench/synthesis-docx.ts [comments]
// Builds the synthesis .docx (server/consultation/synthesis.export.ts) for N made-up comments and
// prints the time and size; the bar is under 5 s for 2,000 comments.
import { performance } from 'node:perf_hooks';
import { writeSynthesisDocx } from '../../server/consultation/synthesis.export.ts';
import { FeedbackAspect, FeedbackResolution, FeedbackResponseStatus } from '../../server/consultation/feedback.entity.ts';
import type { SynthesisRowView } from '../../server/consultation/consultation.types.ts';

const count = Number(process.argv[2] ?? 2000);
const rows = Array.from(
  { length: count },
  (_, index): SynthesisRowView =>
    ({
      commentId: index + 1,
      criterionCode: `${(index % 8) + 1}.${(index % 5) + 1}.${(index % 3) + 1}`,
      criterionTitle: 'Ban hành kế hoạch cải cách hành chính năm đúng thời hạn theo chỉ đạo của UBND Thành phố',
      unitCode: `U${index % 53}`,
      unitName: `UBND quận, huyện số ${index % 53}`,
      aspect: FeedbackAspect.EVIDENCE_REQUIREMENT,
      text: 'Đề nghị bổ sung yêu cầu tài liệu kiểm chứng là bản chụp có chữ ký, đóng dấu của cơ quan ban hành. '.repeat(2),
      proposedWording: 'Tài liệu kiểm chứng: kế hoạch (bản điện tử có chữ ký số).',
      resolution: FeedbackResolution.PARTIALLY_ACCEPTED,
      responseStatus: FeedbackResponseStatus.PUBLISHED,
      explanation: 'Tiếp thu một phần: bổ sung yêu cầu bản điện tử có chữ ký số; giữ nguyên các nội dung khác.',
      revisedCriterionCode: null,
    }) as SynthesisRowView,
);
const summary = {
  unitsInvited: 53,
  unitsAnswered: 40,
  unitsCommented: 30,
  unitsAgreedWithoutComment: 10,
  unitsConfirmed: 35,
  unitsNotAnswered: 13,
  comments: count,
  byAspect: [{ aspect: FeedbackAspect.EVIDENCE_REQUIREMENT, count }],
  byResolution: [{ resolution: FeedbackResolution.PARTIALLY_ACCEPTED, count }],
};
const started = performance.now();
const docx = await writeSynthesisDocx(
  {
    title: 'Lấy ý kiến dự thảo hướng dẫn 2024',
    introduction: '',
    draftTitle: 'Bộ chỉ số 2024',
    draftVersion: 2,
    opensAt: new Date(),
    closesAt: new Date(),
    summary: summary as never,
  },
  rows,
);
console.log(
  `${count} comments: ${(performance.now() - started).toFixed(0)} ms, ${(docx.length / 1024).toFixed(0)} KB, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`,
);
