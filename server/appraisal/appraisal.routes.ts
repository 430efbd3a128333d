import type { Express, Request, Response } from 'express';
import { apiRoute, positiveId, requireUser, type AppContext, type RouteDeps } from '../access/index.ts';
import { evidenceStorage, receiveEvidenceFile, scheduleReading, sendEvidenceFile, storedFileLost } from '../evidence/index.ts';
import { discardStaged } from '../shared/upload.ts';
import { reviewedEvidence } from './evidence.read.ts';
import { assertMayAttach, attachSupplementary } from './explanation.service.ts';

/**
 * POST /api/appraisal/explanations/:requestId/evidence, multipart/form-data: `file` plus optional
 * `documentNumber`, `issueDate`, `issuingBody`, `title`. The unit adds a supplementary document to
 * its answer while the explanation is open; checked before the body is read. 201 `{ evidenceId, existed, updated }`:
 * `existed` when the sheet already had this file, `updated` the citation fields then set from what was typed.
 */
async function uploadSupplementary(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const actor = requireUser(ctx);
  const requestId = positiveId(req.params.requestId, 'requestId');
  await assertMayAttach(ctx.em, actor, requestId);
  const file = await receiveEvidenceFile(req, ctx.config);
  try {
    const attached = await attachSupplementary(ctx.em, actor, evidenceStorage(ctx.config), requestId, file);
    scheduleReading(ctx.em, ctx.config, file.staged.sha256);
    res.status(201).json(attached);
  } finally {
    await discardStaged(file.staged);
  }
}

/**
 * GET /api/appraisal/evidence/:id: a document of a sheet under review, shown inline (PDFs and
 * images open in the appraisal view) for whoever may read that sheet's appraisal.
 */
async function view(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const id = positiveId(req.params.id, 'id');
  const evidence = await reviewedEvidence(ctx, id);
  await sendEvidenceFile(ctx, req, res, evidence, {
    inline: true,
    missing: storedFileLost,
  });
}

export function appraisalRoutes(app: Express, deps: RouteDeps): void {
  app.post('/api/appraisal/explanations/:requestId/evidence', apiRoute(deps, uploadSupplementary));
  app.get('/api/appraisal/evidence/:id', apiRoute(deps, view));
}
