import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { localeFromHeader, runWithLocale, type Locale } from './i18n.ts';
import type { RouteDeps } from './module.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/** The GraphQL error shape (`{ errors: [{ message, extensions: { code } }] }`) with the matching HTTP status. */
function sendError(res: Response, error: unknown, locale: Locale): void {
  if (res.headersSent) {
    // Mid-download: all we can do is cut the response so the client sees it is incomplete.
    console.error(error);
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof AppError) {
    res.status(STATUS[error.code] ?? 400).json({ errors: [{ message: error.messages[locale], extensions: error.extensions }] });
    return;
  }
  console.error(error);
  const message = locale === 'vi' ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : 'Server error. Please try again later.';
  res.status(500).json({ errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

/** An express handler that runs `handle` with the request's context and locale, errors answered like GraphQL's. */
export function contextRoute(deps: RouteDeps, handle: (ctx: AppContext, req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const locale = localeFromHeader(req.headers['accept-language']);
    await runWithLocale(locale, async () => {
      try {
        await handle(await deps.context(req, res), req, res);
      } catch (error) {
        sendError(res, error, locale);
      }
    });
  };
}
