import { badInput } from './errors.ts';

/** Longest free text a user may store in one field (comments, proposals, explanations). */
export const TEXT_MAX_LENGTH = 10_000;

/**
 * User text as stored — the one cleaner: Unicode NFC (so Vietnamese typed with combining marks
 * compares and exports as the same characters), trimmed, runs of whitespace made one space when
 * `singleLine` (names, numbers, citations), at most `max` characters. Blank → null, or
 * BAD_USER_INPUT on `field` when required.
 */
export function cleanText(
  value: string | null | undefined,
  field: string,
  options: { required?: boolean; max?: number; singleLine?: boolean } = {},
): string | null {
  const { required = false, max = TEXT_MAX_LENGTH, singleLine = false } = options;
  const normal = value?.normalize('NFC') ?? '';
  const text = (singleLine ? normal.replace(/\s+/g, ' ') : normal).trim();
  if (!text) {
    if (required) throw badInput(field, { vi: 'Nội dung không được để trống.', en: 'This text cannot be empty.' });
    return null;
  }
  if (text.length > max) {
    throw badInput(
      field,
      { vi: `Nội dung dài quá ${max} ký tự.`, en: `This text is longer than ${max} characters.` },
      { max, length: text.length },
    );
  }
  return text;
}

/**
 * The form in which two texts compare equal when they differ only in case, spacing or Unicode composition (titles
 * matched across criteria-set versions, a spreadsheet's column headers): NFC, whitespace runs made one space, trimmed,
 * lower case by Vietnamese rules.
 */
export const textKey = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
