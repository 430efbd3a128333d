import { parseIsoDate } from '../shared/dates.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { TaskStatus } from './plan.entity.ts';

/** The PAR areas a task can belong to (the index's top-level areas 1–8). */
export const PAR_AREAS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** The areas' Vietnamese names, as the index and the plans that circulate name them. */
export const PAR_AREA_NAMES: Record<(typeof PAR_AREAS)[number], string> = {
  1: 'Công tác chỉ đạo, điều hành cải cách hành chính',
  2: 'Cải cách thể chế',
  3: 'Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông',
  4: 'Cải cách tổ chức bộ máy hành chính',
  5: 'Cải cách chế độ công vụ',
  6: 'Cải cách tài chính công',
  7: 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
  8: 'Tác động của cải cách hành chính đến phát triển kinh tế - xã hội',
};

/** Today's date in Hà Nội, 'YYYY-MM-DD': deadlines are calendar days there. */
export function todayInHanoi(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' of a real calendar day, or BAD_USER_INPUT on `field`. */
export function checkDate(value: string, field: string): string {
  const date = parseIsoDate(value);
  if (!date) {
    throw badInput(field, {
      vi: `Ngày "${value}" không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2023-10-05.`,
      en: `Date "${value}" is invalid; use YYYY-MM-DD, e.g. 2023-10-05.`,
    });
  }
  return date;
}

/** A real day within `year`; `code` (e.g. DEADLINE_OUTSIDE_YEAR) otherwise. */
export function checkDateInYear(value: string, year: number, field: string, code: string): string {
  const date = checkDate(value, field);
  if (Number(date.slice(0, 4)) !== year) {
    throw domainError(
      code,
      { vi: `Ngày ${date} nằm ngoài năm ${year}.`, en: `The date ${date} is outside the year ${year}.` },
      { field, year },
    );
  }
  return date;
}

/** A task deadline: a real day within the plan's year (DEADLINE_OUTSIDE_YEAR otherwise). */
export function checkDeadline(value: string, year: number, field = 'deadline'): string {
  const deadline = checkDate(value, field);
  if (Number(deadline.slice(0, 4)) !== year) {
    throw domainError(
      'DEADLINE_OUTSIDE_YEAR',
      {
        vi: `Thời hạn ${deadline} nằm ngoài năm ${year} của kế hoạch.`,
        en: `The deadline ${deadline} is outside the plan's year ${year}.`,
      },
      { field, year },
    );
  }
  return deadline;
}

export function checkArea(area: number, field = 'area'): number {
  if (!PAR_AREAS.includes(area as (typeof PAR_AREAS)[number])) {
    throw badInput(field, { vi: `Lĩnh vực "${area}" không tồn tại (từ 1 đến 8).`, en: `Area "${area}" does not exist (1 to 8).` });
  }
  return area;
}

export interface TaskProgress {
  status: TaskStatus;
  progress: number;
  completedOn: string | null;
}

/**
 * The progress a unit may record: 0–100 %, DONE with a completion date (not in the future) and at
 * 100 %; cancelling goes through the secretariat. Returns the values to store.
 */
export function checkProgress(input: TaskProgress, today: string): TaskProgress {
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100) {
    throw badInput(
      'progress',
      { vi: 'Tiến độ phải là số nguyên từ 0 đến 100 (%).', en: 'Progress must be a whole number from 0 to 100 (%).' },
      { min: 0, max: 100 },
    );
  }
  if (input.status === TaskStatus.CANCELLED) {
    throw domainError(
      'CANCELLATION_NEEDS_APPROVAL',
      {
        vi: 'Hủy nhiệm vụ cần đề nghị và được Văn phòng (Sở Nội vụ) phê duyệt.',
        en: 'Cancelling a task needs a request approved by the secretariat.',
      },
      { field: 'status' },
    );
  }
  if (input.status !== TaskStatus.DONE) {
    return { status: input.status, progress: input.status === TaskStatus.NOT_STARTED ? 0 : input.progress, completedOn: null };
  }
  if (!input.completedOn) {
    throw domainError(
      'COMPLETION_DATE_REQUIRED',
      { vi: 'Nhiệm vụ hoàn thành cần có ngày hoàn thành.', en: 'A done task needs its completion date.' },
      { field: 'completedOn' },
    );
  }
  const completedOn = checkDate(input.completedOn, 'completedOn');
  if (completedOn > today) {
    throw domainError(
      'COMPLETION_DATE_IN_FUTURE',
      { vi: `Ngày hoàn thành ${completedOn} ở tương lai.`, en: `The completion date ${completedOn} is in the future.` },
      { field: 'completedOn', today },
    );
  }
  return { status: TaskStatus.DONE, progress: 100, completedOn };
}

/** Deadline passed and not done (or cancelled). */
export const isOverdue = (task: { status: TaskStatus; deadline: string }, today: string) =>
  task.status !== TaskStatus.DONE && task.status !== TaskStatus.CANCELLED && task.deadline < today;

/** Done by the deadline in force. */
export const isDoneOnTime = (task: { status: TaskStatus; deadline: string; completedOn: string | null }) =>
  task.status === TaskStatus.DONE && task.completedOn !== null && task.completedOn <= task.deadline;

/** A plan issued by the year's deadline; null while it is not issued. */
export const issuedOnTime = (issueDate: string | null, planDeadline: string | null) =>
  issueDate === null || planDeadline === null ? null : issueDate <= planDeadline;
