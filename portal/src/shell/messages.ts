export const messages = {
  vi: {
    shell: {
      appName: 'Chỉ số CCHC Hà Nội',
      home: 'Trang chủ',
      welcome: 'Xin chào, {name}',
      yourUnit: 'Đơn vị: {unit}',
      whatYouCanDo: 'Các chức năng của bạn',
      language: 'Ngôn ngữ',
      loading: 'Đang tải…',
      notFound: 'Không tìm thấy trang.',
      roles: {
        UNIT_STAFF: 'Cán bộ đơn vị', UNIT_LEAD: 'Lãnh đạo đơn vị', APPRAISER: 'Thẩm định viên',
        SECRETARIAT: 'Tổ thư ký', ANALYST: 'Chuyên viên phân tích', ADMIN: 'Quản trị',
      },
      blocks: { DEPARTMENT: 'Khối Sở, ngành', DISTRICT: 'Khối quận, huyện, thị xã', COMMUNE: 'Khối xã, phường' },
    },
  },
  en: {
    shell: {
      appName: 'Hà Nội PAR Index',
      home: 'Home',
      welcome: 'Hello, {name}',
      yourUnit: 'Unit: {unit}',
      whatYouCanDo: 'What you can do',
      language: 'Language',
      loading: 'Loading…',
      notFound: 'Page not found.',
      roles: {
        UNIT_STAFF: 'Unit staff', UNIT_LEAD: 'Unit lead', APPRAISER: 'Appraiser',
        SECRETARIAT: 'Secretariat', ANALYST: 'Analyst', ADMIN: 'Administrator',
      },
      blocks: { DEPARTMENT: 'Departments', DISTRICT: 'Districts', COMMUNE: 'Communes' },
    },
  },
};
