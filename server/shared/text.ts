import { badInput } from './errors.ts';

/**
 * Characters no text of this system may hold: NUL and the other C0/C1 controls except tab, line
 * feed and carriage return; lone UTF-16 surrogates (PostgreSQL cannot store them; with the `u` flag a paired surrogate is one code point and does not match); and the Unicode
 * bidirectional overrides and isolates, which can make a name read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const UNCLEAN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** The first character of `text` that no stored text may hold (see UNCLEAN), as `U+XXXX`, or null. */
export function uncleanCharacter(text: string): string | null {
  const match = UNCLEAN.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** BAD_USER_INPUT on `field` when `text` holds a character no stored text may hold. */
export function assertCleanCharacters(text: string, field: string, extensions: Record<string, unknown> = {}): void {
  const character = uncleanCharacter(text);
  if (character) {
    throw badInput(
      field,
      {
        vi: `Trường "${field}" chứa ký tự không được phép (${character}).`,
        en: `Field "${field}" contains a character that is not allowed (${character}).`,
      },
      { character, ...extensions },
    );
  }
}

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
  if (value) assertCleanCharacters(value, field);
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
