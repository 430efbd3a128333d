import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverErrorCodes } from './support/error-codes.ts';

/** Portal modules are typed by the portal's tsconfig (bundler resolution, DOM), so they are loaded by a computed path. */
const portal = (file: string) => import(path.resolve('portal/src', `${file}.ts`));
const { codeMessage, loadErrorMessages, refusalMessage } = await portal('shared/errors');
const errorMessages = await loadErrorMessages();
const { errorMessage } = await portal('shared/graphql');
const { i18n } = await portal('shared/i18n');

/** Every error code the API can answer with has a message in both languages in the portal (issue 12). */
describe('error messages in the portal', () => {
  beforeAll(() => {
    for (const locale of ['vi', 'en'] as const) i18n.global.setLocaleMessage(locale, errorMessages[locale]);
    i18n.global.locale.value = 'vi';
  });

  it('has a Vietnamese and an English message for every code the server raises', () => {
    const codes = serverErrorCodes();
    // The source scan sees the codes (a scan that found nothing would pass for nothing).
    expect(codes).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'SHEET_SUBMITTED', 'TOO_MANY_SIGN_IN_ATTEMPTS', 'QUERY_TOO_COMPLEX']));
    const table = { vi: errorMessages.vi.errors as Record<string, string>, en: errorMessages.en.errors as Record<string, string> };
    expect(codes.filter((code) => !table.vi[code]?.trim() || !table.en[code]?.trim())).toEqual([]);
    // Vietnamese is Vietnamese: no entry merely repeats the English text.
    expect(codes.filter((code) => table.vi[code] === table.en[code])).toEqual([]);
  });

  it('shows the server’s localised message, and the portal’s for Apollo’s English ones, lost connections and unknown codes', () => {
    expect(refusalMessage('SHEET_SUBMITTED', 'Bảng điểm đã được chốt; không thể sửa nữa.')).toBe(
      'Bảng điểm đã được chốt; không thể sửa nữa.',
    );
    expect(refusalMessage('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "x" on type "Query".')).toBe(
      'Yêu cầu gửi lên không khớp với API; hãy tải lại trang.',
    );
    expect(refusalMessage('SHEET_SUBMITTED', 'SHEET_SUBMITTED')).toBe('Bảng điểm đã được chốt; không thể sửa nữa.');
    expect(errorMessage({ message: '[Network] Failed to fetch', networkError: new TypeError('Failed to fetch') })).toBe(
      'Không kết nối được với máy chủ; hãy kiểm tra mạng rồi thử lại.',
    );
    expect(codeMessage('NO_SUCH_CODE')).toBe('Đã có lỗi xảy ra; vui lòng thử lại.');
    i18n.global.locale.value = 'en';
    expect(codeMessage('FORBIDDEN')).toBe('You are not allowed to do this.');
    i18n.global.locale.value = 'vi';
  });
});
