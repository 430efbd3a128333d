import { errorMessages } from './errors';
import { bilingual } from './i18n';

/** The texts of the shared pieces (the language switch, the upload client, date fields). */
const texts = bilingual({
  shared: {
    language: ['Ngôn ngữ', 'Language'],
    datePlaceholder: ['dd/mm/yyyy', 'dd/mm/yyyy'],
    dateInvalid: [
      'Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/10/2023.',
      'Not a date: type day/month/year, e.g. 05/10/2023.',
    ],
    uploadConnectionLost: ['Mất kết nối khi tải lên.', 'The connection failed during the upload.'],
    withRequestId: ['{message} (mã yêu cầu: {id})', '{message} (request id: {id})'],
    findings: {
      reading: ['Đang đọc nội dung tệp…', 'Reading the file…'],
      signature: {
        INTACT: ['Có chữ ký số, nguyên vẹn', 'Signed, intact'],
        CHANGED: ['Có chữ ký số, đã bị sửa sau khi ký', 'Signed, changed after signing'],
        UNKNOWN_ISSUER: ['Có chữ ký số, không rõ tổ chức cấp chứng thư', 'Signed, unknown issuer'],
        CERTIFICATE_NOT_VALID: ['Có chữ ký số, chứng thư hết hạn khi ký', 'Signed, certificate not valid when signed'],
        MALFORMED: ['Chữ ký số không đọc được', 'Unreadable signature'],
        NOT_SIGNED: ['Không có chữ ký số', 'Not signed'],
      },
      signedBy: ['Ký bởi {name} ({organization}) lúc {time}', 'Signed by {name} ({organization}) at {time}'],
      differs: [
        'Khác với nội dung tệp — {field}: đã nhập {entered}, tệp ghi {read}',
        'Differs from the file — {field}: entered {entered}, the file says {read}',
      ],
      field: {
        DOCUMENT_NUMBER: ['Số, ký hiệu', 'Number'],
        ISSUE_DATE: ['Ngày ban hành', 'Issue date'],
        ISSUING_BODY: ['Cơ quan ban hành', 'Issuing body'],
      },
      unreadable: {
        NO_TEXT: ['Bản quét, không có lớp văn bản', 'A scan without a text layer'],
        ENCRYPTED: ['Tệp có mật khẩu, không đọc được', 'Password-protected, not read'],
        MALFORMED: ['Tệp hỏng, không đọc được', 'Damaged file, not read'],
        TOO_LARGE: ['Tệp quá lớn để đọc', 'Too large to read'],
        TIMED_OUT: ['Đọc tệp quá lâu, đã dừng', 'Reading took too long and was stopped'],
      },
    },
  },
});

/** The shared texts and the error messages (under `errors`). */
export const sharedMessages = {
  vi: { ...texts.vi, ...errorMessages.vi },
  en: { ...texts.en, ...errorMessages.en },
};
