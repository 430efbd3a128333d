import type { Localized } from '../shared/i18n.ts';

export const MIN_PASSWORD_LENGTH = 10;

/** Long enough and mixed, yet the first ones people pick; a leaked-password list would be longer, this catches the obvious. */
const COMMON = new Set([
  'password123',
  'password1234',
  'password123!',
  'qwerty12345',
  'qwerty123456',
  'admin123456',
  '1q2w3e4r5t',
  'abcd123456',
  'abc1234567',
]);

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/**
 * The minimum strength every password set through the API or `admin:create` must have:
 * at least 10 characters of at least two kinds (lower case, upper case, digits, other), not built on
 * the username or a well-known password. Returns why not, or null.
 */
export function passwordWeakness(password: string, username: string): Localized | null {
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      vi: `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  if (CLASSES.filter((pattern) => pattern.test(password)).length < 2) {
    return {
      vi: 'Mật khẩu cần ít nhất hai loại ký tự (chữ thường, chữ hoa, chữ số, ký hiệu).',
      en: 'The password needs at least two kinds of characters (lower case, upper case, digits, symbols).',
    };
  }
  const name = username.trim().toLowerCase();
  if ((name.length >= 3 && lower.includes(name)) || COMMON.has(lower)) {
    return {
      vi: 'Mật khẩu quá dễ đoán (chứa tên đăng nhập hoặc một mật khẩu phổ biến).',
      en: 'The password is too easy to guess (it contains the username or a common password).',
    };
  }
  return null;
}
