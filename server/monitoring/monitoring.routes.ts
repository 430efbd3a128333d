import type { Express, Request, Response } from 'express';
import { apiRoute, positiveId, requireUser, type AppContext, type RouteDeps } from '../access/index.ts';
import { evidenceStorage, receiveEvidenceFile, scheduleReading, sendEvidenceFile, storedFileLost } from '../evidence/index.ts';
import { discardStaged } from '../shared/upload.ts';
import {
  assertMayAttach,
  attachDocument,
  INSPECTION_CONCLUSION,
  PLAN_FILE,
  readableDocument,
  TASK_OUTPUT,
  type DocumentSlot,
} from './files.service.ts';

/**
 * POST: multipart/form-data with `file` (and, for a task's output, an optional `documentNumber`), received the way
 * every evidence upload is (checked by content, size-limited, staged and hashed). Permission and the record's state
 * are checked before the body is read. 200 with the record's new file fields, named as in GraphQL.
 */
const upload = (slot: DocumentSlot) => async (ctx: AppContext, req: Request, res: Response) => {
  const actor = requireUser(ctx);
  const id = positiveId(req.params.id, 'id');
  await assertMayAttach(ctx.em, actor, slot, id);
  const file = await receiveEvidenceFile(req, ctx.config, [], slot.citation);
  try {
    const answer = await attachDocument(ctx.em, actor, evidenceStorage(ctx.config.dataDir), slot, id, file);
    scheduleReading(ctx.em, ctx.config, file.staged.sha256);
    res.json(answer);
  } finally {
    await discardStaged(file.staged);
  }
};

/** GET: the record's document, as an attachment with the name it was uploaded under, for whoever may read the record. */
const download = (slot: DocumentSlot) => async (ctx: AppContext, req: Request, res: Response) => {
  const document = await readableDocument(ctx, slot, positiveId(req.params.id, 'id'));
  await sendEvidenceFile(ctx, req, res, document, { missing: storedFileLost });
};

/** The documents monitoring records cite: a plan's issued file, a task's output, an inspection's conclusion. */
export function monitoringRoutes(app: Express, deps: RouteDeps): void {
  for (const slot of [PLAN_FILE, TASK_OUTPUT, INSPECTION_CONCLUSION] as DocumentSlot[]) {
    app.post(`/api/monitoring/${slot.path}`, apiRoute(deps, upload(slot)));
    app.get(`/api/monitoring/${slot.path}`, apiRoute(deps, download(slot)));
  }
}
