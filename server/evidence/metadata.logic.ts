import { parseIsoDate } from '../shared/dates.ts';
import { badInput } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import type { EvidenceMetadataInput } from './evidence.types.ts';

/** Checked values to write: a key is present only when the input changes that field (null clears). */
export type EvidenceMetadata = { [K in keyof EvidenceMetadataInput]?: string | null };

// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A citation field on one line; undefined (not sent) stays undefined: the field keeps its value. */
const text = (value: string | null | undefined, field: string, max: number): string | null | undefined =>
  value === undefined ? undefined : cleanText(value, field, { max, singleLine: true });

/** 'YYYY-MM-DD' of a real calendar day, or BAD_USER_INPUT on `issueDate`. */
export function checkIssueDate(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null || value.trim() === '') return value === undefined ? undefined : null;
  const date = parseIsoDate(value);
  if (!date) {
    throw badInput('issueDate', {
      vi: `Ngày ban hành "${value}" không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2023-10-05.`,
      en: `Issue date "${value}" is invalid; use YYYY-MM-DD, e.g. 2023-10-05.`,
    });
  }
  return date;
}

/** The citation fields, cleaned (NFC, single spaces) and checked; each bad one is BAD_USER_INPUT on its field. */
export function checkMetadata(input: EvidenceMetadataInput): EvidenceMetadata {
  const result: EvidenceMetadata = {
    documentNumber: text(input.documentNumber, 'documentNumber', 100),
    issueDate: checkIssueDate(input.issueDate),
    issuingBody: text(input.issuingBody, 'issuingBody', 300),
    title: text(input.title, 'title', 2000),
  };
  for (const key of Object.keys(result) as (keyof EvidenceMetadata)[]) if (result[key] === undefined) delete result[key];
  return result;
}

/**
 * The uploaded name, kept for display and downloads (storage is by hash). A name with a path
 * separator or a control character is refused, not silently cut down.
 */
export function checkFileName(name: string | undefined): string {
  const clean = cleanText(name, 'fileName') ?? '';
  const problem = !clean
    ? { vi: 'Tệp không có tên.', en: 'The file has no name.' }
    : /[\\/]/.test(clean)
      ? { vi: 'Tên tệp không được chứa dấu / hoặc \\.', en: 'The file name must not contain / or \\.' }
      : CONTROL.test(clean)
        ? { vi: 'Tên tệp chứa ký tự điều khiển.', en: 'The file name contains control characters.' }
        : clean === '.' || clean === '..'
          ? { vi: 'Tên tệp không hợp lệ.', en: 'Invalid file name.' }
          : clean.length > 255
            ? { vi: 'Tên tệp dài quá 255 ký tự.', en: 'The file name is longer than 255 characters.' }
            : null;
  if (problem) throw badInput('fileName', problem);
  return clean;
}
