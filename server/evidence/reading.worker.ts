// The entry of a reader thread (reader.ts starts it): one request at a time, answered by id.
import { parentPort } from 'node:worker_threads';
import { outcome, readDocument } from './document-text.ts';
import { ReadingStatus } from './reading-status.ts';

export interface ReadRequest {
  id: number;
  path: string;
  mime: string;
  /** The administrator's root certificates, PEM. */
  roots: string[];
}

parentPort!.on('message', (request: ReadRequest) => {
  void readDocument(request.path, request.mime, request.roots)
    .catch((error: Error) => outcome(ReadingStatus.MALFORMED, error.message))
    .then((result) => parentPort!.postMessage({ id: request.id, outcome: result }));
});
