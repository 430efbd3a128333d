import { bilingual } from '../shared/i18n';

/** Each text in Vietnamese, then in English. */
export const messages = bilingual({
  shell: {
    appName: ['Chỉ số CCHC Hà Nội', 'Hà Nội PAR Index'],
    home: ['Trang chủ', 'Home'],
    welcome: ['Xin chào, {name}', 'Hello, {name}'],
    yourUnit: ['Đơn vị: {unit}', 'Unit: {unit}'],
    whatYouCanDo: ['Các chức năng của bạn', 'What you can do'],
    graphiql: ['Truy vấn dữ liệu (GraphiQL)', 'Query the data (GraphiQL)'],
    graphiqlHint: [
      'Bảng điểm, kết quả thẩm định và xếp hạng qua GraphQL, có sẵn truy vấn mẫu.',
      'Scores, appraisals and rankings through GraphQL, with example queries.',
    ],
    roles: {
      UNIT_STAFF: ['Cán bộ đơn vị', 'Unit staff'],
      UNIT_LEAD: ['Lãnh đạo đơn vị', 'Unit lead'],
      APPRAISER: ['Thẩm định viên', 'Appraiser'],
      SECRETARIAT: ['Tổ thư ký', 'Secretariat'],
      ANALYST: ['Chuyên viên phân tích', 'Analyst'],
      ADMIN: ['Quản trị', 'Administrator'],
    },
    blocks: {
      DEPARTMENT: ['Khối Sở, ngành', 'Departments'],
      DISTRICT: ['Khối quận, huyện, thị xã', 'Districts'],
      COMMUNE: ['Khối xã, phường', 'Communes'],
    },
  },
});
