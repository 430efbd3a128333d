import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger } from 'pino';
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

/** The logger of the request being served, made on first use: most requests log nothing but their last line. */
const requestLogger = new AsyncLocalStorage<() => Logger>();

/** The logger of the request being served (its lines carry the request id), or the process's outside requests. */
export function currentLog(): Logger {
  return requestLogger.getStore()?.() ?? log;
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
  // A UUID's first ten hex digits are random (its version digit comes later); randomUUID draws from a buffer of
  // entropy, where randomBytes asks the system on every call.
  return typeof given === 'string' && GOOD_REQUEST_ID.test(given) ? given : randomUUID().replace('-', '').slice(0, 10);
}

/**
 * The request logger: sets the request id (answered in `x-request-id`), runs the request with a child logger carrying
 * `reqId` as `currentLog()`, and writes one line when the answer is sent (or the connection closes first): method, path
 * without its query string (a GET query may hold variables), status, duration in ms, user id and GraphQL operation.
 * Headers, bodies and variables are never logged. 5xx answers log at `error`, the rest at `info`. Nothing is built
 * for a line the level leaves out, and the child logger only when a line is written: on deadline day most requests
 * log nothing at `warn`.
 */
export function httpLogger(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = Date.now();
    const reqId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, reqId);
    let child: Logger | undefined;
    const requestLog = () => (child ??= logger.child({ reqId }));
    const done = (error?: Error) => {
      res.off('finish', done);
      res.off('close', done);
      res.off('error', done);
      const failed = error !== undefined || res.statusCode >= 500;
      if (!logger.isLevelEnabled(failed ? 'error' : 'info')) return;
      const path = pathOf(req);
      const line = {
        req: { method: req.method, path, remoteAddress: req.socket?.remoteAddress },
        ...facts.get(req),
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (failed) {
        const err = error ?? new Error(`failed with status code ${res.statusCode}`);
        requestLog().error({ ...line, err }, `${req.method} ${path} ${res.statusCode} failed`);
      } else requestLog().info(line, `${req.method} ${path} ${res.statusCode} ${line.responseTime} ms`);
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    requestLogger.run(requestLog, next);
  };
}
