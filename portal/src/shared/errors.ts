import { bilingual, i18n } from './i18n';

/**
 * A message for every error code the API can answer with, in both languages (tests/portal-errors.test.ts compares this
 * table with the codes the server's source raises). The server localises its own refusals, with their details, and
 * those are shown as they come; this table speaks when no such message reaches the reader: Apollo's own refusals (in
 * English), an answer without a message (a proxy's error page, a lost connection), or a code with no message.
 */
export const errorMessages = bilingual({
  errors: {
    ADMIN_EXISTS: ['Đã có quản trị viên.', 'An administrator exists already.'],
    ALREADY_RELEASED: ['Kết quả thẩm định lần 1 đã được công bố.', 'Round-1 results are already released.'],
    APPRAISAL_FINALIZED: ['Kết quả thẩm định đã chốt; không thể bình luận thêm.', 'The appraisal is final; comments are closed.'],
    BAD_REQUEST: ['Yêu cầu gửi lên không hợp lệ.', 'The request is not valid.'],
    BAD_UPLOAD: ['Không đọc được tệp tải lên; hãy thử lại.', 'The upload could not be read; try again.'],
    BAD_USER_INPUT: ['Thông tin nhập chưa hợp lệ; hãy kiểm tra lại.', 'Some of what you entered is not valid; check it.'],
    BAND_ABOVE_MAX: ['Một mức điểm vượt quá điểm tối đa của tiêu chí.', 'A band exceeds the criterion’s maximum.'],
    BONUS_CAP_EXCEEDED: ['Điểm thưởng vượt quá mức tối đa cho phép.', 'Bonus points exceed the allowed maximum.'],
    CANCELLATION_NEEDS_APPROVAL: [
      'Hủy nhiệm vụ cần đề nghị và được Văn phòng (Sở Nội vụ) phê duyệt.',
      'Cancelling a task needs a request approved by the secretariat.',
    ],
    CAP_EXCEEDED: [
      'Điểm thưởng hoặc điểm trừ của một số đơn vị vượt mức tối đa.',
      'Bonus or deduction points exceed the cap for some units.',
    ],
    CHANGE_PENDING: [
      'Nhiệm vụ đang có một đề nghị điều chỉnh chờ phê duyệt.',
      'The task already has a change request waiting for approval.',
    ],
    CHECK_FAILED: ['Chưa thể chốt điểm: còn lỗi cần sửa (xem kết quả kiểm tra).', 'Cannot submit yet: problems remain (see the check).'],
    COMMENT_WITHDRAWN: ['Ý kiến đã được đơn vị rút lại.', 'The comment was withdrawn by its unit.'],
    COMPLETION_DATE_IN_FUTURE: ['Ngày hoàn thành ở tương lai.', 'The completion date is in the future.'],
    COMPLETION_DATE_REQUIRED: ['Nhiệm vụ hoàn thành cần có ngày hoàn thành.', 'A done task needs its completion date.'],
    CONFLICT: [
      'Dữ liệu vừa được người khác thay đổi; hãy tải lại rồi thử lại.',
      'Someone else changed this meanwhile; reload and try again.',
    ],
    CONSULTATION_CLOSED: ['Đợt lấy ý kiến đã kết thúc.', 'The consultation is already closed.'],
    CONSULTATION_OPEN: [
      'Chỉ công bố bảng tổng hợp sau khi kết thúc lấy ý kiến.',
      'The synthesis can be published only after the consultation closes.',
    ],
    CRITERION_NOT_IN_AREA_1: [
      'Tiêu chí không thuộc lĩnh vực 1 (chỉ đạo, điều hành CCHC).',
      'The criterion is not in area 1 (direction of PAR).',
    ],
    CRITERION_NOT_IN_SET: ['Tiêu chí không thuộc dự thảo đang lấy ý kiến.', 'The criterion is not part of the draft under consultation.'],
    CROSS_SITE_REQUEST: [
      'Yêu cầu đến từ trang khác nên bị từ chối; hãy thao tác từ cổng thông tin.',
      'The request came from another site and was refused; use the portal.',
    ],
    DATABASE_UNAVAILABLE: [
      'Cơ sở dữ liệu tạm thời không phản hồi; vui lòng thử lại sau ít phút.',
      'The database is not answering right now; try again in a few minutes.',
    ],
    DEADLINE_OUTSIDE_YEAR: ['Thời hạn nằm ngoài năm của kế hoạch.', 'The deadline is outside the plan’s year.'],
    DEADLINE_PASSED: ['Đã hết hạn tự chấm điểm.', 'The self-assessment deadline has passed.'],
    DEDUCTION_CAP_EXCEEDED: ['Điểm trừ vượt quá mức tối đa cho phép.', 'Deduction points exceed the allowed maximum.'],
    DUPLICATE_ASSIGNMENT: ['Phân công này đã có.', 'This assignment already exists.'],
    DUPLICATE_CODE: ['Mã này đã có trong bộ tiêu chí.', 'This code is already used in the set.'],
    EMPTY_FILE: ['Tệp rỗng.', 'The file is empty.'],
    EVIDENCE_FILE_MISSING: ['Tệp lưu trữ của tài liệu này đã bị mất.', 'The stored file of this document is missing.'],
    EXPLANATION_CLOSED: ['Đã hết thời hạn giải trình (hoặc chưa mở giải trình).', 'The explanation window is closed.'],
    EXPLANATION_LOCKED: ['Đơn vị đã khóa nội dung giải trình.', 'The unit has locked its explanation.'],
    EXPLANATION_REQUIRED: [
      'Tiếp thu một phần hoặc không tiếp thu cần có nội dung giải trình.',
      'A partially accepted or not accepted comment needs an explanation.',
    ],
    EXPLANATION_STILL_OPEN: [
      'Còn đơn vị chưa khóa giải trình và chưa hết hạn giải trình.',
      'Some units have not locked their explanation and the deadline has not passed.',
    ],
    FEEDBACK_SUBMITTED: [
      'Lãnh đạo đơn vị đã xác nhận gửi ý kiến; cần mở lại trước khi sửa.',
      'The unit lead has submitted the unit’s feedback; reopen it before changing anything.',
    ],
    FILE_TOO_LARGE: ['Tệp vượt quá dung lượng cho phép.', 'The file is larger than allowed.'],
    FORBIDDEN: ['Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'],
    GRAPHQL_PARSE_FAILED: ['Yêu cầu gửi lên không hợp lệ.', 'The request is not valid.'],
    GRAPHQL_VALIDATION_FAILED: [
      'Yêu cầu gửi lên không khớp với API; hãy tải lại trang.',
      'The request does not match the API; reload the page.',
    ],
    HAS_COMMENTS: [
      'Đơn vị đã có ý kiến góp ý; hãy rút các ý kiến trước khi ghi nhận "nhất trí, không có ý kiến".',
      'The unit has comments; withdraw them before recording agreement without comment.',
    ],
    INTERNAL_SERVER_ERROR: ['Lỗi máy chủ. Vui lòng thử lại sau.', 'Server error. Please try again later.'],
    INVALID_CSV: ['Tệp CSV không đọc được.', 'The CSV file cannot be read.'],
    LEAF_WITHOUT_BANDS: ['Còn tiêu chí thành phần chưa có mức điểm.', 'Some sub-criteria have no scoring bands.'],
    MALFORMED_REQUEST: ['Nội dung yêu cầu không phải JSON hợp lệ.', 'The request body is not valid JSON.'],
    MAX_POINTS_DERIVED: [
      'Điểm tối đa của tiêu chí cha bằng tổng điểm các tiêu chí con; hãy sửa điểm của tiêu chí con.',
      'A parent’s maximum is the sum of its children’s; change the children.',
    ],
    MOVE_INTO_ITSELF: ['Không thể chuyển tiêu chí vào chính nó hoặc tiêu chí con của nó.', 'A criterion cannot be moved under itself.'],
    NOT_APPLICABLE: ['Đơn vị đã đánh dấu tiêu chí này là không áp dụng.', 'The unit marked this sub-criterion not applicable.'],
    NOT_A_LATER_VERSION: ['Tiêu chí không thuộc phiên bản sau của dự thảo này.', 'The criterion is not in a later version of this draft.'],
    NOT_FOUND: ['Không tìm thấy nội dung yêu cầu (có thể đã bị xóa).', 'Not found (it may have been deleted).'],
    NOT_INVITED: ['Đơn vị của bạn không được mời góp ý trong đợt này.', 'Your unit is not invited to this consultation.'],
    NOT_SUBMITTED: ['Ý kiến của đơn vị chưa được gửi.', 'The unit’s feedback has not been submitted.'],
    NOT_UNDER_APPRAISAL: ['Bảng điểm này chưa được đưa vào thẩm định.', 'This score sheet is not under appraisal.'],
    NOT_XLSX: ['Tệp không phải bảng tính Excel (.xlsx).', 'The file is not an Excel workbook (.xlsx).'],
    NO_CRITERIA_SET: ['Kỳ đánh giá chưa có bộ tiêu chí cho khối của đơn vị này.', 'The period has no criteria set for this unit’s block.'],
    NO_EXPLANATION_REQUESTED: ['Đơn vị không có yêu cầu giải trình nào.', 'Nothing was asked of this unit.'],
    OPERATION_RESOLUTION_FAILURE: ['Yêu cầu gửi lên không hợp lệ.', 'The request is not valid.'],
    OUTSIDE_CONSULTATION_WINDOW: [
      'Ngoài thời gian lấy ý kiến: không nhận góp ý.',
      'The consultation is not open: no feedback is accepted.',
    ],
    OWN_UNIT: ['Không phân công thẩm định đơn vị của chính mình.', 'An appraiser cannot be assigned their own unit.'],
    PERIOD_NOT_OPEN: ['Kỳ đánh giá chưa mở.', 'The period is not open yet.'],
    PERIOD_STARTED: ['Kỳ đánh giá đã bắt đầu, không thể đổi bộ tiêu chí.', 'The period has started; its criteria sets cannot change.'],
    PERIOD_STATUS: ['Kỳ đánh giá đã chốt kết quả.', 'The period is finalised.'],
    POINTS_ABOVE_MAX: ['Điểm vượt quá điểm tối đa của tiêu chí.', 'The points exceed the criterion’s maximum.'],
    POINTS_NEGATIVE: ['Điểm không được âm.', 'Points cannot be negative.'],
    POINTS_NOT_ALLOWED: ['Điểm không thuộc các mức điểm của tiêu chí.', 'The points are not one of the criterion’s bands.'],
    QUERY_TOO_COMPLEX: ['Truy vấn quá lớn hoặc quá phức tạp; hãy chia nhỏ.', 'The query is too large or too complex; split it.'],
    REASON_REQUIRED: ['Cần ghi rõ lý do.', 'A reason is needed.'],
    REPORT_ACCEPTED: ['Báo cáo đã được tiếp nhận; không thể thay đổi.', 'The report is accepted; it can no longer change.'],
    REPORT_INCOMPLETE: ['Báo cáo còn thiếu chỉ tiêu số liệu.', 'The report still lacks figures.'],
    REPORT_NOT_SUBMITTED: ['Chỉ xử lý được báo cáo đang ở trạng thái đã gửi.', 'Only a submitted report can be accepted or returned.'],
    REPORT_SUBMITTED: ['Báo cáo đã gửi, đang chờ Sở Nội vụ xem xét.', 'The report is submitted and waiting for the secretariat.'],
    REQUEST_TOO_LARGE: ['Yêu cầu quá lớn.', 'The request is too large.'],
    RESULTS_ALREADY_PUBLISHED: ['Kết quả kỳ này đã được công bố.', 'The results of this period are already published.'],
    RESULTS_NOT_FINAL: [
      'Chỉ công bố được kết quả khi kỳ đánh giá đã chốt điểm thẩm định (FINALIZED).',
      'Results can be published only once the period is FINALIZED.',
    ],
    RESULTS_NOT_PUBLISHED: ['Kết quả kỳ này chưa được công bố.', 'The results of this period are not published.'],
    RESULTS_NOT_RELEASED: [
      'Cần công bố kết quả thẩm định lần 1 trước khi mở giải trình.',
      'Release the round-1 results before opening the explanation.',
    ],
    RESULTS_PUBLISHED: [
      'Kết quả đã được công bố; hãy thu hồi công bố trước khi thay đổi.',
      'The results are published; withdraw the publication before changing them.',
    ],
    ROUND_CLOSED: ['Không có vòng thẩm định nào đang mở cho kỳ đánh giá này.', 'No appraisal round is open for this period.'],
    SELF_ASSESSMENT_STILL_OPEN: [
      'Còn đơn vị chưa chốt điểm và chưa hết hạn tự chấm điểm.',
      'Some units have not submitted and the self-scoring deadline has not passed.',
    ],
    SET_EMPTY: ['Bộ tiêu chí chưa có tiêu chí nào.', 'The criteria set has no criteria.'],
    SET_NOT_DRAFT: [
      'Chỉ lấy ý kiến được trên bộ tiêu chí đang ở trạng thái dự thảo.',
      'Only a draft criteria set can be put out for consultation.',
    ],
    SET_NOT_EDITABLE: [
      'Bộ tiêu chí không còn ở trạng thái dự thảo nên không thể sửa; hãy tạo phiên bản mới.',
      'Only a draft criteria set can be changed; create a new version instead.',
    ],
    SET_NOT_PUBLISHED: ['Bộ tiêu chí chưa được ban hành.', 'The criteria set is not published.'],
    SHEET_NOT_SUBMITTED: ['Bảng điểm chưa được chốt.', 'The score sheet has not been submitted.'],
    SHEET_SUBMITTED: ['Bảng điểm đã được chốt; không thể sửa nữa.', 'The score sheet has been submitted and can no longer be changed.'],
    SURVEY_ALREADY_IMPORTED: ['Tệp này đã được nhập cho kỳ đánh giá này.', 'This file was already imported for this period.'],
    SURVEY_IMPORT_INVALID: [
      'Tệp có dòng lỗi; không có gì được ghi. Hãy sửa và nhập lại.',
      'Some rows have errors; nothing was written. Fix them and import again.',
    ],
    SURVEY_INCOMPLETE: ['Còn tiêu chí điều tra xã hội học chưa có điểm.', 'Some survey sub-criteria have no points yet.'],
    SURVEY_NOT_APPRAISED: ['Tiêu chí điều tra xã hội học không được thẩm định.', 'Survey items are never appraised.'],
    SURVEY_NOT_SELF_SCORED: [
      'Tiêu chí này lấy điểm từ điều tra xã hội học, đơn vị không tự chấm.',
      'This criterion is scored by the survey, not by the unit.',
    ],
    SURVEY_RESULTS_EXIST: [
      'Một số dòng sẽ thay thế điểm đã nhập trước đó; hãy xác nhận thay thế.',
      'Some rows would replace points imported before; confirm the replacement.',
    ],
    SYNTHESIS_INCOMPLETE: ['Còn ý kiến chưa được trả lời.', 'Some comments have no answer yet.'],
    SYNTHESIS_PUBLISHED: ['Bảng tổng hợp đã được công bố; không thể thay đổi.', 'The synthesis is published; it can no longer change.'],
    TASK_CANCELLED: ['Nhiệm vụ đã bị hủy; không thể cập nhật.', 'The task is cancelled; it cannot change.'],
    TASK_DONE: ['Nhiệm vụ đã hoàn thành; không thể hủy.', 'The task is done; it cannot be cancelled.'],
    TEMPLATE_IN_USE: [
      'Đã có báo cáo gửi theo mẫu hiện tại; không thể thay đổi mẫu.',
      'Reports were already submitted on the current template; it can no longer change.',
    ],
    TOO_MANY_ROWS: ['Tệp có quá nhiều dòng.', 'The file has too many rows.'],
    TOO_MANY_SIGN_IN_ATTEMPTS: [
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
      'Too many failed sign-ins. Try again in a few minutes.',
    ],
    UNANSWERED_REQUESTS: ['Còn tiêu chí chưa giải trình.', 'Some sub-criteria have no answer yet.'],
    UNAUTHENTICATED: ['Bạn cần đăng nhập.', 'You need to sign in.'],
    UNSUPPORTED_FILE: ['Loại tệp không được hỗ trợ.', 'This kind of file is not supported.'],
    UNSUPPORTED_FILE_TYPE: [
      'Loại tệp không được chấp nhận. Chỉ nhận PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG hoặc ZIP.',
      'File type not accepted. Allowed: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG or ZIP.',
    ],
    USERNAME_TAKEN: ['Tên đăng nhập đã được dùng.', 'The username is taken.'],
    WEAK_PASSWORD: ['Mật khẩu chưa đủ mạnh hoặc trùng mật khẩu cũ.', 'The password is too weak or the same as before.'],
    WRONG_COLUMNS: ['Tệp không đúng các cột của mẫu.', 'The file does not have the template’s columns.'],
    YEAR_NOT_CONFIGURED: [
      'Năm này chưa được Sở Nội vụ thiết lập để theo dõi.',
      'Monitoring for this year has not been set up by the secretariat.',
    ],
    NETWORK: [
      'Không kết nối được với máy chủ; hãy kiểm tra mạng rồi thử lại.',
      'The server cannot be reached; check the connection and try again.',
    ],
    UNKNOWN: ['Đã có lỗi xảy ra; vui lòng thử lại.', 'Something went wrong; please try again.'],
  },
});

/** Codes whose message comes from Apollo Server itself, in English whatever the reader's language. */
const UNLOCALISED = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/** The portal's own message for a code (`NETWORK`, `UNKNOWN` included), in the reader's language. */
export function codeMessage(code: string | undefined): string {
  const key = `errors.${code}`;
  return i18n.global.te(key) ? i18n.global.t(key) : i18n.global.t('errors.UNKNOWN');
}

/** What to tell the reader about a refusal: the server's localised message, else the portal's for its code. */
export function refusalMessage(code: string | undefined, serverMessage: string | undefined): string {
  if (serverMessage && code && !UNLOCALISED.has(code) && serverMessage !== code) return serverMessage;
  return codeMessage(code);
}
