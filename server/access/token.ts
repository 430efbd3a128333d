import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';

export const SESSION_COOKIE = 'par_session';

/** Bearer header first (analysts' scripts), then the portal's httpOnly cookie. */
export function tokenFromRequest(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[SESSION_COOKIE] || null;
}
