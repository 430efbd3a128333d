import { badInput, domainError } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { checkArea } from './plan.logic.ts';
import { ReportFieldKind, type ReportField } from './report.entity.ts';

export type { ReportField } from './report.entity.ts';

const number = (key: string, area: number, label: string): ReportField => ({ key, area, label, kind: ReportFieldKind.NUMBER });
const text = (key: string, area: number, label: string): ReportField => ({ key, area, label, kind: ReportFieldKind.TEXT });

/** The template a year starts with (the usual contents of a periodic PAR report); the secretariat may change it. */
export const DEFAULT_REPORT_TEMPLATE: ReportField[] = [
  number('inspectionsHeld', 1, 'Số cuộc kiểm tra CCHC đã thực hiện'),
  text('direction', 1, 'Công tác chỉ đạo, điều hành CCHC'),
  number('legalDocumentsIssued', 2, 'Số văn bản QPPL được ban hành'),
  number('proceduresSimplified', 3, 'Số TTHC được đơn giản hóa'),
  number('dossiersReceived', 3, 'Số hồ sơ TTHC tiếp nhận'),
  number('dossiersOnline', 3, 'Số hồ sơ tiếp nhận, giải quyết trực tuyến'),
  number('dossiersOnTime', 3, 'Số hồ sơ giải quyết đúng hạn'),
  text('organisation', 4, 'Kết quả cải cách tổ chức bộ máy'),
  number('staffTrained', 5, 'Số lượt cán bộ, công chức được đào tạo, bồi dưỡng'),
  text('finance', 6, 'Kết quả cải cách tài chính công'),
  number('fullyOnlineServices', 7, 'Số dịch vụ công trực tuyến toàn trình'),
  text('impact', 8, 'Tác động của CCHC đến phát triển kinh tế - xã hội'),
  text('difficulties', 1, 'Khó khăn, vướng mắc và kiến nghị'),
];

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/** A template as the secretariat gives it: keys unique and well-formed, areas 1–8, labels present; at least one field. */
export function checkTemplate(fields: ReportField[]): ReportField[] {
  if (fields.length === 0)
    throw badInput('reportTemplate', { vi: 'Mẫu báo cáo cần ít nhất một trường.', en: 'The template needs at least one field.' });
  const seen = new Set<string>();
  return fields.map((field, index) => {
    const at = `reportTemplate.${index}`;
    if (!KEY.test(field.key)) {
      throw badInput(`${at}.key`, { vi: `Mã trường "${field.key}" không hợp lệ.`, en: `Field key "${field.key}" is invalid.` });
    }
    if (seen.has(field.key)) {
      throw domainError(
        'DUPLICATE_CODE',
        { vi: `Mã trường "${field.key}" bị trùng.`, en: `Field key "${field.key}" is repeated.` },
        { field: `${at}.key` },
      );
    }
    seen.add(field.key);
    return {
      key: field.key,
      area: checkArea(field.area, `${at}.area`),
      label: cleanText(field.label, `${at}.label`, { required: true, max: 300, singleLine: true })!,
      kind: field.kind,
    };
  });
}

/** A number as units type it: digits with an optional decimal part ("1250", "12.5" or "12,5"). */
const NUMBER = /^\d+([.,]\d+)?$/;

/**
 * The values to store for the given `input` (key → typed text; empty clears), checked against the
 * template: BAD_USER_INPUT on `values.<key>` for an unknown key, or a number field that is negative or not a number.
 */
export function checkValues(template: ReportField[], input: { key: string; value?: string | null }[]): Map<string, number | string | null> {
  const fields = new Map(template.map((field) => [field.key, field]));
  const values = new Map<string, number | string | null>();
  for (const { key, value } of input) {
    const field = fields.get(key);
    const at = `values.${key}`;
    if (!field) throw badInput(at, { vi: `Mẫu báo cáo không có trường "${key}".`, en: `The report template has no field "${key}".` });
    const raw = value?.trim() ?? '';
    if (raw === '') {
      values.set(key, null);
    } else if (field.kind === ReportFieldKind.TEXT) {
      values.set(key, cleanText(raw, at, { max: 20_000 }));
    } else {
      if (!NUMBER.test(raw)) {
        throw badInput(
          at,
          {
            vi: `"${field.label}": "${raw}" không phải là số không âm.`,
            en: `"${field.label}": "${raw}" is not a non-negative number.`,
          },
          { value: raw },
        );
      }
      values.set(key, Number(raw.replace(',', '.')));
    }
  }
  return values;
}

/** The number fields of the template still empty: a report is complete when none is. */
export const missingNumbers = (template: ReportField[], values: Record<string, number | string>) =>
  template.filter((field) => field.kind === ReportFieldKind.NUMBER && typeof values[field.key] !== 'number').map((field) => field.key);
