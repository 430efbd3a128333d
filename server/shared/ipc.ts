import type { EventEmitter } from 'node:events';

/** A message between the supervising process and its API workers (node:cluster's IPC channel). */
export interface IpcMessage {
  type: string;
  id?: number;
}

export const isIpcMessage = <T extends IpcMessage>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

/**
 * The next message of `type` (and `id`, when given) that `source` (a worker, or `process` in a worker) receives;
 * undefined if none came within `timeoutMs`. Listen first, then send the request: a reply is never missed.
 */
export function nextMessage<T extends IpcMessage>(
  source: EventEmitter,
  type: T['type'],
  { id, timeoutMs }: { id?: number; timeoutMs?: number } = {},
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(undefined), timeoutMs);
    const onMessage = (message: unknown) => {
      if (isIpcMessage<T>(message, type) && (id === undefined || message.id === id)) done(message);
    };
    const done = (message: T | undefined) => {
      clearTimeout(timer);
      source.off('message', onMessage);
      resolve(message);
    };
    source.on('message', onMessage);
  });
}
