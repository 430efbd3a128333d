import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { createRequestContext, type AppContext } from './context.ts';
import { AppError, badInput, fromDatabaseError } from '../shared/errors.ts';
import { currentLocale, localeFromHeader, runWithLocale } from '../shared/i18n.ts';
import { currentLog } from '../shared/log.ts';
import { countError } from '../shared/metrics.ts';
import type { RouteDeps } from './module.ts';

/** HTTP status of an error code on plain routes; domain rule codes answer 409. */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/**
 * Sends an error as `{ error: { code, message, …extensions } }`, the message in the request's
 * language: the same codes and texts GraphQL gives. Anything that is not an AppError is logged and
 * answered 500 without details.
 */
export function sendError(res: Response, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const locale = currentLocale();
  error = fromDatabaseError(error) ?? error;
  if (error instanceof AppError) {
    const { http, code, ...extensions } = error.extensions as { http?: { status?: number }; code: string };
    countError(code, 'http');
    res.status(http?.status ?? STATUS[code] ?? 409).json({ error: { code, message: error.messages[locale], ...extensions } });
    return;
  }
  currentLog().error({ err: error }, 'route error answered as INTERNAL_SERVER_ERROR');
  countError('INTERNAL_SERVER_ERROR', 'http');
  res.status(500).json({
    error: {
      code: 'INTERNAL_SERVER_ERROR',
      message: locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.',
    },
  });
}

/** What body-parser (express.json) throws for a body it cannot take, as our errors. */
function requestBodyError(error: { type?: string; status?: number }): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(
        'MALFORMED_REQUEST',
        { vi: 'Nội dung yêu cầu không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
        { http: { status: 400 } },
      );
    case 'entity.too.large':
      return new AppError('REQUEST_TOO_LARGE', { vi: 'Yêu cầu quá lớn.', en: 'The request is too large.' }, { http: { status: 413 } });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(
        'MALFORMED_REQUEST',
        { vi: 'Bảng mã của yêu cầu không được hỗ trợ.', en: 'The request encoding is not supported.' },
        { http: { status: 415 } },
      );
    default:
      return null;
  }
}

/**
 * The last Express handler: what a route or a body parser threw answers JSON with a stable code in
 * the request's language — GraphQL's `{ errors: [...] }` on /graphql, `{ error }` elsewhere — never
 * Express's HTML page with a stack trace. A client already gone gets nothing.
 */
export const httpErrorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  runWithLocale(localeFromHeader(req.headers['accept-language']), () => {
    const known = error instanceof AppError ? error : requestBodyError(error as { type?: string });
    if ((error as { type?: string }).type === 'request.aborted') {
      res.destroy();
      return;
    }
    if (req.path.startsWith('/graphql') && known && !res.headersSent) {
      const { http, ...extensions } = known.extensions as { http?: { status?: number } };
      res.status(http?.status ?? 400).json({ errors: [{ message: known.messages[currentLocale()], extensions }] });
      return;
    }
    sendError(res, known ?? error);
  });
};

/**
 * A plain (non-GraphQL) route with the same context as a resolver: the user from the bearer token
 * or cookie, their CASL ability, a forked EntityManager and the request's language.
 */
export function apiRoute(deps: RouteDeps, handler: (ctx: AppContext, req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res) =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      try {
        await handler(await createRequestContext(deps, req, res), req, res);
      } catch (error) {
        sendError(res, error);
      }
    });
}

/** A positive integer id from a route parameter, or BAD_USER_INPUT on `field`. */
export function positiveId(value: string | string[] | undefined, field: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(field, { vi: `Mã "${value}" không hợp lệ.`, en: `Invalid id "${value}".` });
  return id;
}
