import type { Request, RequestHandler, Response } from 'express';
import { createRequestContext, type AppContext } from './context.ts';
import { AppError, badInput } from '../shared/errors.ts';
import { currentLocale, localeFromHeader, runWithLocale } from '../shared/i18n.ts';
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
  if (error instanceof AppError) {
    const { http, code, ...extensions } = error.extensions as { http?: { status?: number }; code: string };
    res.status(http?.status ?? STATUS[code] ?? 409).json({ error: { code, message: error.messages[locale], ...extensions } });
    return;
  }
  console.error(error);
  res.status(500).json({
    error: {
      code: 'INTERNAL_SERVER_ERROR',
      message: locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.',
    },
  });
}

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
