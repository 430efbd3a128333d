// The entry of a reader thread (reader.ts starts it): one request at a time, answered by id.
import { parentPort } from 'node:worker_threads';
import { readDocument, type ReadOutcome } from './document-text.ts';
import { ReadingStatus } from './reading-status.ts';

export interface ReadRequest {
  id: number;
  path: string;
  mime: string;
}

parentPort!.on('message', (request: ReadRequest) => {
  void readDocument(request.path, request.mime)
    .catch((error: Error): ReadOutcome => ({ status: ReadingStatus.MALFORMED, citation: null, pageCount: null, detail: error.message }))
    .then((outcome) => parentPort!.postMessage({ id: request.id, outcome }));
});
