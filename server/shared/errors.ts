import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { currentLocale, type Localized } from './i18n.ts';

/**
 * Stable error codes clients can switch on. `BAD_USER_INPUT` always carries `extensions.field`.
 * Domain modules add their own codes (e.g. `SET_NOT_EDITABLE`) through `DomainError`.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | (string & {});

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** An error meant for the client: a stable code and a message in both languages. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    readonly messages: Localized,
    extensions: Record<string, unknown> = {},
  ) {
    const status = HTTP_STATUS[code];
    super(messages.en, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
  }
}

export const badInput = (field: string, messages: Localized, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', messages, { field, ...extra });

export const notFound = (what: Localized, id: unknown) =>
  new AppError('NOT_FOUND', { vi: `Không tìm thấy ${what.vi} (mã ${id}).`, en: `${what.en} ${id} was not found.` }, { id });

export const forbidden = () =>
  new AppError('FORBIDDEN', { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' });

export const unauthenticated = () => new AppError('UNAUTHENTICATED', { vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' });

/** A broken business rule: its own code, the message says which rule. */
export const domainError = (code: string, messages: Localized, extensions: Record<string, unknown> = {}) =>
  new AppError(code, messages, extensions);

function firstViolation(errors: ValidationError[], prefix = ''): { field: string; constraint: string; detail: string } | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const [constraint, detail] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (constraint) return { field, constraint, detail: detail ?? '' };
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

const VALIDATION_VI: Record<string, string> = {
  isNotEmpty: 'không được để trống',
  maxLength: 'quá dài',
  minLength: 'quá ngắn',
  isLength: 'có độ dài không hợp lệ',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  matches: 'không đúng định dạng',
  arrayNotEmpty: 'cần ít nhất một phần tử',
  isInt: 'phải là số nguyên',
  isPositive: 'phải là số dương',
};

/** Apollo `formatError`: localises our errors and gives class-validator failures our shape. */
export function formatError(formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(raw);
  // Refusals raised while validating (query limits) reach us wrapped by Apollo, which renames their code.
  const error = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
  const locale = currentLocale();
  if (error instanceof AppError) {
    const { http: _http, ...extensions } = error.extensions;
    return { ...formatted, message: error.messages[locale], extensions };
  }
  if (error instanceof ArgumentValidationError) {
    const violation = firstViolation(error.extensions.validationErrors as ValidationError[]);
    const field = violation?.field ?? 'input';
    const messages = {
      vi: `Trường "${field}" ${VALIDATION_VI[violation?.constraint ?? ''] ?? 'không hợp lệ'}.`,
      en: violation?.detail ? `${violation.detail}.` : `Field "${field}" is invalid.`,
    };
    return {
      message: messages[locale],
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', field },
    };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    console.error(error);
    return {
      message: locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return formatted;
}
