import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from './shared/errors.ts';
import { sendError } from './access/index.ts';
import { localeFromHeader, runWithLocale } from './shared/i18n.ts';

/**
 * Security headers on every response (helmet): a Content-Security-Policy the portal (Vite build)
 * and the local GraphiQL both run under — scripts, styles, fonts and fetches from this origin only,
 * inline styles allowed (Vue's and GraphiQL's style attributes), no framing (`frame-ancestors
 * 'none'`), no plugins — plus nosniff, a same-origin Referrer-Policy, and HSTS in production only
 * (a developer's http://localhost must keep working).
 */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery on the plain routes (uploads, imports, exports): a request signed in
 * by the session cookie (not a bearer header, which a foreign page cannot send) is refused when the
 * browser says it comes from another site (`Sec-Fetch-Site: cross-site`), and one that changes
 * something must name this host in its `Origin` (or, lacking it, `Referer`). GraphQL has Apollo's
 * own check (a header that forces a preflight).
 */
export const sameOriginForCookies: RequestHandler = (req, res, next) => {
  if (req.headers.authorization?.startsWith('Bearer ') || !req.headers.cookie) {
    next();
    return;
  }
  const source = req.headers.origin ?? req.headers.referer;
  let sameOrigin = false;
  try {
    sameOrigin = source !== undefined && new URL(source).host === req.headers.host;
  } catch {
    sameOrigin = false;
  }
  if (req.headers['sec-fetch-site'] !== 'cross-site' && (sameOrigin || SAFE_METHODS.has(req.method))) {
    next();
    return;
  }
  runWithLocale(localeFromHeader(req.headers['accept-language']), () =>
    sendError(
      res,
      new AppError(
        'CROSS_SITE_REQUEST',
        {
          vi: 'Yêu cầu đến từ trang khác nên bị từ chối; hãy thao tác từ cổng thông tin.',
          en: 'The request came from another site and was refused; use the portal.',
        },
        { http: { status: 403 } },
      ),
    ),
  );
};
