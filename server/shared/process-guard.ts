import { log } from './log.ts';

/**
 * The last line behind every request: a promise rejected with nobody listening (a bug in one
 * request's code path) is logged and the process keeps serving everyone else. Node's default would
 * end the process, and with it the embedded database and every request in flight.
 */
export function keepServingOnStrayRejections(
  report: (message: string, reason: unknown) => void = (message, reason) => log.error({ err: reason }, message),
): () => void {
  const onRejection = (reason: unknown) => report('Unhandled promise rejection (the server keeps serving)', reason);
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
