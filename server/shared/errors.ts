import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { currentLocale, type Localized } from './i18n.ts';
import { currentLog } from './log.ts';

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

const CONCURRENT: Localized = {
  vi: 'Dữ liệu vừa được người khác thay đổi cùng lúc; hãy tải lại và thử lại.',
  en: 'Someone changed this at the same moment; reload and try again.',
};

/**
 * What PostgreSQL refused, by SQLSTATE (MikroORM's exceptions and pg's errors both carry it), as
 * our error — the one place where races and database trouble become stable codes instead of 500s:
 * a unique or foreign-key violation, a serialization failure or deadlock between two requests, or
 * an update MikroORM found the row's version moved under (its OptimisticLockError), is CONFLICT (409,
 * the loser retries); text or numbers the database cannot hold are BAD_USER_INPUT;
 * a statement past its timeout, a database that cannot be reached or a pool with no connection free in time (knex's
 * timeout, which MikroORM rewraps without its name) is DATABASE_UNAVAILABLE (503).
 * Null for anything else (a bug: logged and answered 500 without details).
 */
export function fromDatabaseError(error: unknown): AppError | null {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: string; message?: string };
  const state = typeof code === 'string' ? code : '';
  if (['23505', '23503', '40001', '40P01', '55P03'].includes(state) || name === 'OptimisticLockError') {
    return new AppError('CONFLICT', CONCURRENT);
  }
  if (['22P05', '22021', '22001', '22003', '22P02', '54000'].includes(state)) {
    return badInput('input', {
      vi: 'Dữ liệu nhập không lưu được (ký tự hoặc giá trị ngoài giới hạn).',
      en: 'The input cannot be stored (a character or value out of range).',
    });
  }
  const unreachable =
    state === '57014' ||
    state.startsWith('08') ||
    ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(state) ||
    name === 'KnexTimeoutError' ||
    /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Timeout acquiring a connection/i.test(message ?? '');
  if (unreachable) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      {
        vi: 'Cơ sở dữ liệu tạm thời không phản hồi; vui lòng thử lại sau ít phút.',
        en: 'The database is not answering right now; try again in a few minutes.',
      },
      { http: { status: 503 } },
    );
  }
  return null;
}

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
  const wrapped = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
  const error = fromDatabaseError(wrapped) ?? wrapped;
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
    currentLog().error({ err: error }, 'GraphQL error answered as INTERNAL_SERVER_ERROR');
    return {
      message: locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return formatted;
}
