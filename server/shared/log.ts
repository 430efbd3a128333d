import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import pretty from 'pino-pretty';

export type { Logger };
export type LogLevel = Level | 'silent';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LogLevel[];

/** The header a request id travels in, both ways: a proxy's id is kept, else one is made; every answer carries it. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Whatever a call site hands the logger, these keys never reach the output: secrets (passwords, tokens, cookies) and
 * what may hold them (GraphQL variables, request bodies, file contents).
 */
const REDACTED_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'authorization', 'cookie', 'set-cookie', 'variables', 'body'];
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`, `*.*["${key}"]`]);

/**
 * A pino logger: one JSON object a line (for the log collector), or coloured single lines through pino-pretty when
 * `pretty` (by default: standard output is a terminal, so a person runs it).
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream; pretty?: boolean } = {}): Logger {
  const destination =
    options.destination ??
    ((options.pretty ?? process.stdout.isTTY)
      ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: stdSerializers.err },
    },
    destination,
  );
}

/** The process's logger; `main.ts` sets its level from `LOG_LEVEL`. */
export const log: Logger = createLogger();

const requestLogger = new AsyncLocalStorage<Logger>();

/** The logger of the request being served (its lines carry the request id), or the process's outside requests. */
export function currentLog(): Logger {
  return requestLogger.getStore() ?? log;
}

/** Runs `fn` (the rest of a request's handling) with `logger` as `currentLog()`. */
export function runWithLog<T>(logger: Logger, fn: () => T): T {
  return requestLogger.run(logger, fn);
}

/** What a request's last line tells besides method, path, status and duration; filled in while it is served. */
export interface RequestFacts {
  userId?: number;
  /** The GraphQL operation's name (or `anonymous`), its type and the error codes it answered. */
  operation?: string;
  operationType?: string;
  errorCodes?: string[];
}

const facts = new WeakMap<IncomingMessage, RequestFacts>();

/** The facts of `req`, to read or to add to. */
export function requestFacts(req: IncomingMessage): RequestFacts {
  let found = facts.get(req);
  if (!found) facts.set(req, (found = {}));
  return found;
}

/** The path a client asked for (Express rewrites `url` under a mount point), without its query string. */
const pathOf = (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').split('?')[0];

const GOOD_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The id of a request: the proxy's `x-request-id` when it is a plain token, else 10 random hex digits (easy to read out). */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && GOOD_REQUEST_ID.test(given) ? given : randomBytes(5).toString('hex');
}

/**
 * The request logger (pino-http): sets the request id (answered in `x-request-id`), runs the request with a child
 * logger carrying `reqId` on every line, and writes one line when the answer is sent: method, path without its query
 * string (a GET query may hold variables), status, duration in ms, user id and GraphQL operation. Headers, bodies and
 * variables are never logged. 5xx answers log at `error`, the rest at `info`.
 */
export function httpLogger(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const middleware = pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req, res) => {
      const id = requestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({
        method: req.method,
        path: pathOf(req),
        remoteAddress: req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: stdSerializers.err,
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customProps: (req) => {
      const known = facts.get(req);
      return known ? { ...known } : {};
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
  });
  return (req, res, next) => middleware(req, res, () => runWithLog((req as IncomingMessage & { log: Logger }).log, next));
}
