/**
 * Demo seed: the units assessed by the Hà Nội PAR Index (Chỉ số CCHC) in the 2023 cycle.
 *
 * - 22 city departments (Sở and bodies equivalent to a Sở), block DEPARTMENT.
 * - The 30 district-level People's Committees as of 2023 (12 quận, 17 huyện, 1 thị xã), block DISTRICT.
 *
 * Codes are short uppercase ASCII and unique across both blocks. District codes are the
 * unaccented name without a prefix (e.g. BADINH, THANHOAI, SONTAY).
 */

export interface UnitSeed {
  code: string;
  name: string;
  block: 'DEPARTMENT' | 'DISTRICT';
}

const department = (code: string, name: string): UnitSeed => ({ code, name, block: 'DEPARTMENT' });
const district = (code: string, name: string): UnitSeed => ({ code, name, block: 'DISTRICT' });

const departments: UnitSeed[] = [
  department('VPUBND', 'Văn phòng UBND Thành phố'),
  department('SNV', 'Sở Nội vụ'),
  department('STP', 'Sở Tư pháp'),
  department('STC', 'Sở Tài chính'),
  department('SKHDT', 'Sở Kế hoạch và Đầu tư'),
  department('SXD', 'Sở Xây dựng'),
  department('SGTVT', 'Sở Giao thông vận tải'),
  department('STNMT', 'Sở Tài nguyên và Môi trường'),
  department('SGDDT', 'Sở Giáo dục và Đào tạo'),
  department('SYT', 'Sở Y tế'),
  department('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội'),
  department('SVHTT', 'Sở Văn hóa và Thể thao'),
  department('SDL', 'Sở Du lịch'),
  department('SCT', 'Sở Công Thương'),
  department('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'),
  department('SKHCN', 'Sở Khoa học và Công nghệ'),
  department('STTTT', 'Sở Thông tin và Truyền thông'),
  department('SQHKT', 'Sở Quy hoạch - Kiến trúc'),
  department('SNGV', 'Sở Ngoại vụ'),
  department('TTTP', 'Thanh tra Thành phố'),
  department('BDT', 'Ban Dân tộc'),
  department('BQLKCN', 'Ban Quản lý các khu công nghiệp và chế xuất Hà Nội'),
];

const districts: UnitSeed[] = [
  // 12 quận (urban districts)
  district('BADINH', 'UBND quận Ba Đình'),
  district('HOANKIEM', 'UBND quận Hoàn Kiếm'),
  district('TAYHO', 'UBND quận Tây Hồ'),
  district('LONGBIEN', 'UBND quận Long Biên'),
  district('CAUGIAY', 'UBND quận Cầu Giấy'),
  district('DONGDA', 'UBND quận Đống Đa'),
  district('HAIBATRUNG', 'UBND quận Hai Bà Trưng'),
  district('HOANGMAI', 'UBND quận Hoàng Mai'),
  district('THANHXUAN', 'UBND quận Thanh Xuân'),
  district('NAMTULIEM', 'UBND quận Nam Từ Liêm'),
  district('BACTULIEM', 'UBND quận Bắc Từ Liêm'),
  district('HADONG', 'UBND quận Hà Đông'),
  // 17 huyện (rural districts)
  district('SOCSON', 'UBND huyện Sóc Sơn'),
  district('DONGANH', 'UBND huyện Đông Anh'),
  district('GIALAM', 'UBND huyện Gia Lâm'),
  district('THANHTRI', 'UBND huyện Thanh Trì'),
  district('MELINH', 'UBND huyện Mê Linh'),
  district('BAVI', 'UBND huyện Ba Vì'),
  district('PHUCTHO', 'UBND huyện Phúc Thọ'),
  district('DANPHUONG', 'UBND huyện Đan Phượng'),
  district('HOAIDUC', 'UBND huyện Hoài Đức'),
  district('QUOCOAI', 'UBND huyện Quốc Oai'),
  district('THACHTHAT', 'UBND huyện Thạch Thất'),
  district('CHUONGMY', 'UBND huyện Chương Mỹ'),
  district('THANHOAI', 'UBND huyện Thanh Oai'),
  district('THUONGTIN', 'UBND huyện Thường Tín'),
  district('PHUXUYEN', 'UBND huyện Phú Xuyên'),
  district('UNGHOA', 'UBND huyện Ứng Hòa'),
  district('MYDUC', 'UBND huyện Mỹ Đức'),
  // 1 thị xã (town)
  district('SONTAY', 'UBND thị xã Sơn Tây'),
];

export const hanoiUnits: UnitSeed[] = [...departments, ...districts];
