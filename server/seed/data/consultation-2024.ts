/**
 * Demo seed: the consultation on the 2024 draft guidance (dự thảo hướng dẫn năm 2024).
 *
 * ILLUSTRATIVE DATA, written for the demo after the 2023 conference as the domain notes describe it
 * (most units agreed that the index was streamlined; several asked for more detailed evidence
 * requirements). Criteria are named by code; units by their code in hanoi-units.ts.
 */
import type { UnitBlock } from '../../units/index.ts';

type Aspect = 'SCORING_METHOD' | 'EVIDENCE_REQUIREMENT' | 'MAX_POINTS' | 'GENERAL';
type Resolution = 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'NOTED' | 'NOT_ACCEPTED';

export interface DraftEdit {
  code: string;
  maxPoints?: string;
  scoringMethod?: string;
  bands?: { label: string; minPoints: string; maxPoints: string }[];
  evidenceRequirement?: string;
}

export interface DemoComment {
  unit: string;
  /** Omitted: a comment on the whole draft. */
  criterion?: string;
  aspect: Aspect;
  text: string;
  proposedWording?: string;
  response?: { resolution: Resolution; explanation?: string; published: boolean };
}

export interface DemoConsultation {
  block: UnitBlock;
  draftTitle: string;
  title: string;
  introduction: string;
  /** Criteria left out of the 2024 draft. */
  removed: string[];
  edits: DraftEdit[];
  comments: DemoComment[];
  /** Units that recorded "agrees without comment". */
  agreed: string[];
  /** Units whose answer was confirmed as the official one. */
  submitted: string[];
}

const INTRODUCTION =
  'Thực hiện Kế hoạch CCHC năm 2024 của UBND Thành phố, Sở Nội vụ xây dựng dự thảo Bộ Chỉ số CCHC năm 2024 trên cơ sở ' +
  'Bộ Chỉ số năm 2023: tinh gọn một số tiêu chí thành phần trùng lặp, điều chỉnh điểm tối đa của các tiêu chí về tỷ lệ giải quyết ' +
  'hồ sơ đúng hạn và trực tuyến toàn trình, quy định chi tiết hơn tài liệu kiểm chứng. Đề nghị các đơn vị nghiên cứu, góp ý vào ' +
  'cách thức chấm điểm và tài liệu kiểm chứng của từng tiêu chí; quá thời hạn nêu trên, đơn vị không có ý kiến được coi là nhất trí với dự thảo.';

export const districtConsultation2024: DemoConsultation = {
  block: 'DISTRICT' as UnitBlock,
  draftTitle: 'Dự thảo Bộ Chỉ số CCHC năm 2024 – khối UBND quận, huyện, thị xã',
  title: 'Lấy ý kiến dự thảo Bộ Chỉ số CCHC năm 2024 – khối UBND quận, huyện, thị xã',
  introduction: INTRODUCTION,
  removed: ['3.2.5', '7.2.4'],
  edits: [
    {
      code: '3.2.1',
      maxPoints: '2.5',
      scoringMethod: 'Điểm = tỷ lệ đạt được × 2,5 điểm (tỷ lệ 100% được 2,5 điểm), làm tròn đến 2 chữ số thập phân',
      bands: [{ label: 'Tính theo tỷ lệ', minPoints: '0', maxPoints: '2.5' }],
    },
    {
      code: '7.3.2',
      maxPoints: '2.5',
      scoringMethod: 'Đạt từ 50% trở lên: 2,5 điểm; dưới 50%: điểm = (tỷ lệ đạt được ÷ 50%) × 2,5 điểm, làm tròn đến 2 chữ số thập phân',
      bands: [
        { label: 'Đạt từ 50% trở lên', minPoints: '2.5', maxPoints: '2.5' },
        { label: 'Dưới 50%: tính theo tỷ lệ', minPoints: '0', maxPoints: '2.5' },
      ],
    },
    {
      code: '3.2.2',
      evidenceRequirement:
        'Danh sách hồ sơ quá hạn năm 2024 trích xuất từ Hệ thống thông tin giải quyết TTHC Thành phố (có ngày trích xuất) ' +
        'và Phiếu xin lỗi, hẹn lại ngày trả kết quả tương ứng với từng hồ sơ',
    },
    {
      code: '1.1.2',
      evidenceRequirement:
        'Báo cáo kết quả CCHC năm 2024 (Báo cáo số …/BC-UBND) kèm phụ lục danh mục nhiệm vụ, sản phẩm, thời hạn ' +
        'và tình trạng hoàn thành của từng nhiệm vụ trong Kế hoạch CCHC năm 2024',
    },
    {
      code: '7.3.1',
      evidenceRequirement:
        'Quyết định công bố danh mục TTHC cung cấp dịch vụ công trực tuyến toàn trình (số, ký hiệu, ngày ban hành); ' +
        'ảnh chụp màn hình Cổng Dịch vụ công Thành phố (có ngày chụp)',
    },
  ],
  comments: [
    {
      unit: 'THANHOAI',
      criterion: '3.2.2',
      aspect: 'EVIDENCE_REQUIREMENT',
      text: 'Đề nghị làm rõ Phiếu xin lỗi là bản điện tử trên Hệ thống hay bản giấy có chữ ký; nhiều hồ sơ quá hạn ở cấp xã chỉ có phiếu giấy.',
      proposedWording:
        'Danh sách hồ sơ quá hạn trích xuất từ Hệ thống thông tin giải quyết TTHC Thành phố; Phiếu xin lỗi và hẹn lại ngày trả ' +
        'kết quả (bản điện tử trên Hệ thống hoặc bản chụp phiếu giấy có chữ ký của người có thẩm quyền)',
      response: { resolution: 'ACCEPTED', published: true },
    },
    {
      unit: 'THANHOAI',
      criterion: '8.1.2',
      aspect: 'MAX_POINTS',
      text: 'Điểm tối đa 2 điểm cho số doanh nghiệp thành lập mới là cao so với mức độ tác động của UBND cấp huyện; đề nghị giảm xuống 1 điểm.',
      response: {
        resolution: 'NOT_ACCEPTED',
        published: true,
        explanation:
          'Giữ nguyên: tiêu chí phản ánh tác động của CCHC đến môi trường đầu tư, kinh doanh trên địa bàn; ' +
          'số liệu do Sở Kế hoạch và Đầu tư cung cấp nên bảo đảm khách quan.',
      },
    },
    {
      unit: 'SONTAY',
      criterion: '3.2.1',
      aspect: 'SCORING_METHOD',
      text: 'Đề nghị chỉ tính tỷ lệ trên số hồ sơ đã giải quyết trong năm, không tính hồ sơ đang giải quyết chưa đến hạn.',
      proposedWording: 'Điểm = (số hồ sơ giải quyết đúng hạn ÷ tổng số hồ sơ đã giải quyết trong năm) × 2,5 điểm',
      response: {
        resolution: 'PARTIALLY_ACCEPTED',
        published: false,
        explanation: 'Tiếp thu cách tính trên số hồ sơ đã giải quyết; hồ sơ quá hạn chưa giải quyết vẫn được tính là không đúng hạn.',
      },
    },
    {
      unit: 'SONTAY',
      aspect: 'GENERAL',
      text: 'Nhất trí với việc tinh gọn Bộ Chỉ số; đề nghị sớm ban hành hướng dẫn chi tiết tài liệu kiểm chứng để đơn vị chủ động chuẩn bị từ đầu năm.',
      response: { resolution: 'NOTED', published: true, explanation: 'Sở Nội vụ sẽ ban hành hướng dẫn cùng Bộ Chỉ số.' },
    },
    {
      unit: 'SONTAY',
      criterion: '7.3.2',
      aspect: 'EVIDENCE_REQUIREMENT',
      text: 'Đề nghị cho phép sử dụng số liệu do Sở Thông tin và Truyền thông công bố thay cho ảnh chụp màn hình Hệ thống.',
    },
    {
      unit: 'HOANKIEM',
      criterion: '1.1.2',
      aspect: 'EVIDENCE_REQUIREMENT',
      text: 'Phụ lục danh mục nhiệm vụ nên theo mẫu thống nhất của Sở Nội vụ để thuận tiện cho Hội đồng thẩm định.',
    },
  ],
  agreed: ['CAUGIAY'],
  submitted: ['DONGDA'],
};

export const departmentConsultation2024: DemoConsultation = {
  block: 'DEPARTMENT' as UnitBlock,
  draftTitle: 'Dự thảo Bộ Chỉ số CCHC năm 2024 – khối Sở, ban, ngành',
  title: 'Lấy ý kiến dự thảo Bộ Chỉ số CCHC năm 2024 – khối Sở, ban, ngành',
  introduction: INTRODUCTION,
  removed: [],
  edits: [
    {
      code: '2.1.2',
      evidenceRequirement:
        'Văn bản lấy ý kiến; bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý; báo cáo thẩm định của Sở Tư pháp ' +
        '(số, ký hiệu, ngày ban hành)',
    },
  ],
  comments: [
    {
      unit: 'STP',
      criterion: '2.1.2',
      aspect: 'EVIDENCE_REQUIREMENT',
      text: 'Đề nghị bổ sung báo cáo thẩm định vào tài liệu kiểm chứng, vì đây là bước bắt buộc trong trình tự xây dựng văn bản QPPL.',
      response: { resolution: 'ACCEPTED', published: true },
    },
    {
      unit: 'SYT',
      criterion: '3.2.1',
      aspect: 'SCORING_METHOD',
      text: 'Ngành y tế có nhiều TTHC liên thông với Bộ Y tế; đề nghị loại trừ thời gian xử lý tại Bộ khi tính tỷ lệ đúng hạn.',
      response: {
        resolution: 'NOT_ACCEPTED',
        published: true,
        explanation: 'Hệ thống thông tin giải quyết TTHC đã tách riêng thời gian xử lý của cơ quan Trung ương; không cần quy định thêm.',
      },
    },
    {
      unit: 'SXD',
      aspect: 'GENERAL',
      text: 'Nhất trí với dự thảo; đề nghị công bố Bộ Chỉ số trước ngày 31/01/2024 để các đơn vị kịp xây dựng kế hoạch.',
      response: { resolution: 'NOTED', published: false, explanation: 'Ghi nhận; dự kiến ban hành trong tháng 01/2024.' },
    },
    {
      unit: 'STTTT',
      criterion: '7.2.1',
      aspect: 'EVIDENCE_REQUIREMENT',
      text: 'Đề nghị chấp nhận báo cáo thống kê xuất trực tiếp từ Hệ thống quản lý văn bản (tệp điện tử có chữ ký số) thay cho ảnh chụp màn hình.',
    },
  ],
  agreed: ['STC'],
  submitted: ['STP'],
};

/** Reusable answers offered in the answer form. */
export const responseTemplates: { title: string; resolution: Resolution; explanation?: string }[] = [
  { title: 'Tiếp thu, đã chỉnh sửa trong dự thảo', resolution: 'ACCEPTED', explanation: 'Tiếp thu và chỉnh sửa trong dự thảo.' },
  { title: 'Ghi nhận, nghiên cứu cho năm sau', resolution: 'NOTED', explanation: 'Ghi nhận để nghiên cứu khi xây dựng Bộ Chỉ số năm sau.' },
  {
    title: 'Không tiếp thu – giữ theo hướng dẫn của Bộ Nội vụ',
    resolution: 'NOT_ACCEPTED',
    explanation: 'Giữ nguyên theo hướng dẫn của Bộ Nội vụ về xác định Chỉ số CCHC.',
  },
];
