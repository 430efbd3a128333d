/**
 * Demo seed: the 2023 PAR plans of the Hà Nội units as the monitoring system would hold them.
 * Task texts are illustrative (typical of the units' plans), not copied from any real plan.
 */

export interface TaskTemplate {
  area: number;
  title: string;
  output: string;
  /** 'MM-DD' in 2023. */
  deadline: string;
}

export const PLAN_DEADLINE_2023 = '2023-01-31';

/** The tasks a unit's plan picks from, in plan order. */
export const taskTemplates: TaskTemplate[] = [
  { area: 1, title: 'Ban hành Kế hoạch kiểm tra công tác CCHC năm 2023', output: 'Kế hoạch', deadline: '01-31' },
  { area: 1, title: 'Ban hành Kế hoạch tuyên truyền CCHC năm 2023', output: 'Kế hoạch', deadline: '02-15' },
  {
    area: 1,
    title: 'Kiểm tra công tác CCHC tại các phòng, ban và đơn vị trực thuộc',
    output: 'Thông báo kết luận kiểm tra',
    deadline: '10-31',
  },
  { area: 1, title: 'Tổ chức cuộc thi tìm hiểu về CCHC', output: 'Quyết định khen thưởng', deadline: '09-30' },
  {
    area: 2,
    title: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc thẩm quyền',
    output: 'Báo cáo kết quả rà soát',
    deadline: '06-30',
  },
  { area: 2, title: 'Theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm', output: 'Báo cáo', deadline: '11-30' },
  { area: 3, title: 'Rà soát, đề xuất đơn giản hóa thủ tục hành chính', output: 'Phương án đơn giản hóa TTHC', deadline: '05-31' },
  {
    area: 3,
    title: 'Công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên Cổng thông tin điện tử',
    output: 'Danh mục TTHC được công khai',
    deadline: '03-31',
  },
  { area: 3, title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', output: 'Báo cáo tỷ lệ số hóa', deadline: '12-15' },
  {
    area: 4,
    title: 'Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức của các phòng, đơn vị',
    output: 'Quyết định quy định chức năng, nhiệm vụ',
    deadline: '06-30',
  },
  { area: 4, title: 'Cập nhật Đề án vị trí việc làm', output: 'Đề án trình cấp có thẩm quyền', deadline: '08-31' },
  {
    area: 5,
    title: 'Đào tạo, bồi dưỡng kỹ năng cho cán bộ, công chức làm việc tại Bộ phận Một cửa',
    output: 'Kế hoạch và danh sách học viên',
    deadline: '07-31',
  },
  { area: 5, title: 'Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2023', output: 'Quyết định xếp loại', deadline: '12-31' },
  {
    area: 6,
    title: 'Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập trực thuộc',
    output: 'Quyết định giao tự chủ',
    deadline: '04-30',
  },
  { area: 6, title: 'Công khai dự toán, quyết toán ngân sách theo quy định', output: 'Thông báo công khai', deadline: '03-31' },
  { area: 7, title: 'Sử dụng chữ ký số trong gửi, nhận văn bản điện tử', output: 'Báo cáo tỷ lệ văn bản ký số', deadline: '09-30' },
  { area: 7, title: 'Cung cấp dịch vụ công trực tuyến toàn trình', output: 'Danh mục dịch vụ công trực tuyến', deadline: '06-30' },
  {
    area: 7,
    title: 'Bảo đảm an toàn thông tin mạng cho hệ thống thông tin của đơn vị',
    output: 'Hồ sơ đề xuất cấp độ an toàn',
    deadline: '10-31',
  },
  {
    area: 8,
    title: 'Khảo sát sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công',
    output: 'Báo cáo kết quả khảo sát',
    deadline: '11-15',
  },
  {
    area: 8,
    title: 'Tổ chức đối thoại với người dân, doanh nghiệp về thủ tục hành chính',
    output: 'Biên bản đối thoại',
    deadline: '08-15',
  },
];

/** Tasks the city's own 2023 PAR plan assigns to units. */
export const cityTaskTemplates: TaskTemplate[] = [
  {
    area: 3,
    title: 'Thực hiện Chỉ thị 07/CT-UBND về đẩy mạnh giải quyết TTHC trên môi trường điện tử',
    output: 'Báo cáo kết quả',
    deadline: '09-30',
  },
  {
    area: 7,
    title: 'Kết nối Hệ thống thông tin giải quyết TTHC của Thành phố với Cổng Dịch vụ công quốc gia',
    output: 'Biên bản nghiệm thu',
    deadline: '06-30',
  },
  { area: 5, title: 'Triển khai Bộ Quy tắc ứng xử của cán bộ, công chức Thành phố', output: 'Văn bản triển khai', deadline: '04-30' },
];

/** Sơn Tây's plan, partly filled in: the numbers its score sheet already cites. */
export const sontayPlan = {
  par: { documentNumber: '243/KH-UBND', issueDate: '2023-01-05' },
  inspection: { documentNumber: '25/KH-UBND', issueDate: '2022-12-28' },
  communication: { documentNumber: '31/KH-UBND', issueDate: '2023-01-20' },
  /** Own tasks (indexes into taskTemplates); 2 city tasks come on top: 16 tasks. */
  tasks: [0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 15, 16, 18],
  /** By task position: how far each has come (the rest is done on time). */
  progress: { 12: 'IN_PROGRESS', 13: 'LATE' } as Record<number, 'IN_PROGRESS' | 'NOT_STARTED' | 'LATE'>,
};

/** Deadlines of the 2023 periodic PAR reports (báo cáo quý I, 6 tháng, quý III, năm). */
export const REPORT_DEADLINES_2023 = { Q1: '2023-03-15', H1: '2023-06-15', Q3: '2023-09-15', YEAR: '2023-12-15' } as const;

/** Sơn Tây's reports: two accepted on time, quarter III being filled in, the year's not started. */
export const sontayReports = { Q1: 'ON_TIME', H1: 'ON_TIME', Q3: 'DRAFT', YEAR: 'MISSING' } as const;

/** The 15 wards and communes of Sơn Tây (its inspection plan covers them all; 11 inspected, as its score sheet says). */
export const sontayCommunes = [
  'UBND phường Lê Lợi',
  'UBND phường Ngô Quyền',
  'UBND phường Phú Thịnh',
  'UBND phường Quang Trung',
  'UBND phường Sơn Lộc',
  'UBND phường Trung Hưng',
  'UBND phường Trung Sơn Trầm',
  'UBND phường Viên Sơn',
  'UBND phường Xuân Khanh',
  'UBND xã Cổ Đông',
  'UBND xã Đường Lâm',
  'UBND xã Kim Sơn',
  'UBND xã Sơn Đông',
  'UBND xã Thanh Mỹ',
  'UBND xã Xuân Sơn',
];
