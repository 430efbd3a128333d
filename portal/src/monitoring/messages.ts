import { bilingual } from '../shared/i18n';

/** Each text in Vietnamese, then in English. */
export const messages = bilingual({
  monitoring: {
    menu: ['Theo dõi CCHC', 'PAR monitoring'],
    title: ['Kế hoạch CCHC năm {year}', 'Annual PAR plan {year}'],
    year: ['Năm', 'Year'],
    unit: ['Đơn vị', 'Unit'],
    noPlan: ['Chưa có kế hoạch.', 'No plan yet.'],
    document: ['Văn bản: {number}, ban hành ngày {date}', 'Document: {number}, issued on {date}'],
    notIssued: ['Chưa ban hành', 'Not issued'],
    onTime: ['Đúng hạn', 'On time'],
    late: ['Chậm hạn', 'Late'],
    stats: [
      '{doneOnTime}/{total} nhiệm vụ hoàn thành đúng hạn · {overdue} quá hạn',
      '{doneOnTime}/{total} tasks done on time · {overdue} overdue',
    ],
    filters: {
      area: ['Lĩnh vực', 'Area'],
      status: ['Trạng thái', 'Status'],
      all: ['Tất cả', 'All'],
      overdue: ['Chỉ nhiệm vụ quá hạn', 'Overdue only'],
    },
    areaN: ['Lĩnh vực {n}', 'Area {n}'],
    columns: {
      code: ['STT', 'No.'],
      title: ['Nhiệm vụ', 'Task'],
      output: ['Sản phẩm', 'Output'],
      deadline: ['Thời hạn', 'Deadline'],
      status: ['Trạng thái', 'Status'],
      progress: ['Tiến độ', 'Progress'],
    },
    status: {
      NOT_STARTED: ['Chưa triển khai', 'Not started'],
      IN_PROGRESS: ['Đang thực hiện', 'In progress'],
      DONE: ['Hoàn thành', 'Done'],
      CANCELLED: ['Đã hủy', 'Cancelled'],
    },
    overdue: ['Quá hạn', 'Overdue'],
    doneLate: ['Hoàn thành chậm', 'Done late'],
    cityAssigned: ['Thành phố giao', 'City-assigned'],
    update: ['Cập nhật', 'Update'],
    completedOn: ['Ngày hoàn thành', 'Completed on'],
    save: ['Lưu', 'Save'],
    cancel: ['Hủy', 'Cancel'],
    saved: ['Đã lưu.', 'Saved.'],
    noTasks: ['Không có nhiệm vụ nào phù hợp.', 'No task matches.'],
  },
});
