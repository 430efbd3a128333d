import type { Express, Request, Response } from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';
import { apiRoute, positiveId, requireUser, type AppContext, type RouteDeps } from '../access/index.ts';
import { evidenceStorage, receiveEvidenceFile, scheduleReading, sendEvidenceFile, storedFileLost } from '../evidence/index.ts';
import { badInput } from '../shared/errors.ts';
import { discardStaged, receiveUpload, stagingDirOf } from '../shared/upload.ts';
import { readFirstSheet } from '../shared/xlsx.ts';
import {
  assertMayAttach,
  attachDocument,
  INSPECTION_CONCLUSION,
  PLAN_FILE,
  readableDocument,
  TASK_OUTPUT,
  type DocumentSlot,
} from './files.service.ts';
import { exportConsolidation, exportPlanTasks, exportPlanTemplate } from './plan-export.ts';
import { commitPlanImport, importTarget, previewPlanImport, type PlanImportTarget, type PlanUpload } from './plan-import.service.ts';

/** A plan's task list is a small workbook: tens of rows. */
const PLAN_FILE_LIMIT = 10 * 1024 * 1024;

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
    const answer = await attachDocument(ctx.em, actor, evidenceStorage(ctx.config), slot, id, file);
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

/** A positive integer query parameter, or BAD_USER_INPUT on it. */
const queryId = (req: Request, name: string) => positiveId(typeof req.query[name] === 'string' ? req.query[name] : undefined, name);

/** Whose plan: the `unitId` parameter, else the caller's own unit. */
function planParams(ctx: AppContext, req: Request): { year: number; unitId: number } {
  const year = queryId(req, 'year');
  if (req.query.unitId !== undefined) return { year, unitId: queryId(req, 'unitId') };
  const own = requireUser(ctx).unitId;
  if (own == null) throw badInput('unitId', { vi: 'Cần chọn đơn vị (unitId).', en: 'Give the unit (unitId).' });
  return { year, unitId: own };
}

/**
 * The plan file (multipart `file`, or the raw body named by `fileName`), refused before its body is read unless the
 * caller may create the plan's tasks, received the one way every upload is (shared/upload.ts: size-limited, staged,
 * hashed; BAD_UPLOAD for a broken body), then read as a workbook (NOT_XLSX for anything else).
 */
async function receivePlanFile(ctx: AppContext, req: Request): Promise<{ target: PlanImportTarget; file: PlanUpload }> {
  const actor = requireUser(ctx);
  const { year, unitId } = planParams(ctx, req);
  const target = await importTarget(ctx.em, actor, year, unitId);
  const upload = await receiveUpload(req, {
    stagingDir: stagingDirOf(path.join(ctx.config.dataDir, 'plans')),
    limit: PLAN_FILE_LIMIT,
    rawBody: true,
  });
  try {
    const sheet = await readFirstSheet(await fs.readFile(upload.file.path));
    return { target, file: { fileName: upload.fileName.slice(0, 255) || 'plan.xlsx', sha256: upload.file.sha256, sheet } };
  } finally {
    await discardStaged(upload.file);
  }
}

/**
 * The documents monitoring records cite (a plan's issued file, a task's output, an inspection's conclusion), and a
 * plan's tasks as .xlsx: the template, the export, the import (preview, then the all-or-nothing write, each with the
 * file; `year` and `unitId`, the caller's unit by default) and the consolidated report of a period.
 */
export function monitoringRoutes(app: Express, deps: RouteDeps): void {
  for (const slot of [PLAN_FILE, TASK_OUTPUT, INSPECTION_CONCLUSION] as DocumentSlot[]) {
    app.post(`/api/monitoring/${slot.path}`, apiRoute(deps, upload(slot)));
    app.get(`/api/monitoring/${slot.path}`, apiRoute(deps, download(slot)));
  }
  app.get(
    '/api/monitoring/plan-tasks/template.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      requireUser(ctx);
      await exportPlanTemplate(ctx, res, queryId(req, 'year'));
    }),
  );
  app.get(
    '/api/monitoring/plan-tasks.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      const { year, unitId } = planParams(ctx, req);
      await exportPlanTasks(ctx, res, year, unitId);
    }),
  );
  app.post(
    '/api/monitoring/plan-tasks/preview',
    apiRoute(deps, async (ctx, req, res) => {
      const { target, file } = await receivePlanFile(ctx, req);
      res.json(await previewPlanImport(ctx.em, target, file));
    }),
  );
  app.post(
    '/api/monitoring/plan-tasks',
    apiRoute(deps, async (ctx, req, res) => {
      const { target, file } = await receivePlanFile(ctx, req);
      res.json(await commitPlanImport(ctx.em, requireUser(ctx), target, file));
    }),
  );
  app.get(
    '/api/monitoring/consolidation.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      await exportConsolidation(ctx, res, queryId(req, 'periodId'));
    }),
  );
}
