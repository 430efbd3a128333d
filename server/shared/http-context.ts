import type { Request, RequestHandler, Response } from 'express';
import { tokenFromRequest } from '../auth/http.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { localeFromHeader, runWithLocale, type Locale } from './i18n.ts';
import type { RouteDeps } from './module.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413 };

/** The same per-request context GraphQL resolvers get: bearer or cookie user, ability, forked em, locale. */
export async function httpContext(deps: RouteDeps, req: Request, res: Response): Promise<AppContext> {
  const { user, ability } = await deps.authenticate(req);
  return {
    em: deps.orm.em.fork(),
    user,
    ability,
    token: tokenFromRequest(req),
    locale: localeFromHeader(req.headers['accept-language']),
    config: deps.config,
    sessions: deps.sessions,
    req,
    res,
    memo: new Map(),
  };
}

/** Errors in the GraphQL shape (`{ errors: [{ message, extensions: { code } }] }`) with a matching HTTP status. */
export function sendHttpError(res: Response, error: unknown, locale: Locale): void {
  if (res.headersSent) {
    // Mid-download: cutting the response is the only way to tell the client it is incomplete.
    console.error(error);
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof AppError) {
    const status = STATUS[error.code] ?? (typeof error.extensions.httpStatus === 'number' ? error.extensions.httpStatus : 400);
    const { httpStatus: _status, http: _http, ...extensions } = error.extensions as Record<string, unknown>;
    res.status(status).json({ errors: [{ message: error.messages[locale], extensions }] });
    return;
  }
  console.error(error);
  const message = locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.';
  res.status(500).json({ errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

/** An express handler running `handle` with the request's context and locale; errors answered like GraphQL's. */
export function contextRoute(deps: RouteDeps, handle: (ctx: AppContext, req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const locale = localeFromHeader(req.headers['accept-language']);
    await runWithLocale(locale, async () => {
      try {
        await handle(await httpContext(deps, req, res), req, res);
      } catch (error) {
        sendHttpError(res, error, locale);
      }
    });
  };
}
