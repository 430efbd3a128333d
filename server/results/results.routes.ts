import type { Express, Request } from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';
import { apiRoute, requireUser, type AppContext, type RouteDeps } from '../access/index.ts';
import { sendDocx } from '../shared/docx.ts';
import { badInput } from '../shared/errors.ts';
import { discardStaged, receiveUpload, stagingDirOf } from '../shared/upload.ts';
import { UnitBlock } from '../units/index.ts';
import { resultsAppendixDocx, selfAssessmentDocx } from './results.docx.ts';
import { exportCalibration, exportResults, exportSheet } from './results.export.ts';
import { exportableSheet, readableCalibration, resultsPeriod, surveyTemplatePeriod } from './results.read.ts';
import { parseSurveyFile } from './survey-file.logic.ts';
import { exportSurveyTemplate } from './survey-template.export.ts';
import { assertMayImportSurvey, commitSurvey, previewSurvey } from './survey.service.ts';

const SURVEY_FILE_LIMIT = 10 * 1024 * 1024;

function intParam(req: Request, name: string): number {
  const value = Number(req.query[name]);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw badInput(name, { vi: `Tham số "${name}" phải là một mã số.`, en: `Query parameter "${name}" must be an id.` });
  }
  return value;
}

function blockParam(req: Request): UnitBlock | null {
  const block = req.query.block;
  if (block === undefined || block === '') return null;
  if (typeof block === 'string' && block in UnitBlock) return block as UnitBlock;
  throw badInput('block', { vi: `Khối "${String(block)}" không tồn tại.`, en: `Unknown block "${String(block)}".` });
}

/**
 * The survey file (the raw body, named by `fileName`, or a multipart `file` part), checked the way
 * every upload is (shared/upload.ts), then previewed: every row with its errors, nothing written.
 */
async function surveyPreview(ctx: AppContext, req: Request) {
  const actor = requireUser(ctx);
  assertMayImportSurvey(actor);
  const periodId = intParam(req, 'periodId');
  const upload = await receiveUpload(req, {
    stagingDir: stagingDirOf(path.join(ctx.config.dataDir, 'survey')),
    limit: SURVEY_FILE_LIMIT,
    rawBody: true,
  });
  try {
    const fileName = upload.fileName.slice(0, 255) || 'survey';
    const file = await parseSurveyFile(await fs.readFile(upload.file.path), fileName);
    return { actor, preview: await previewSurvey(ctx.em, actor, periodId, { fileName, sha256: upload.file.sha256, file }) };
  } finally {
    await discardStaged(upload.file);
  }
}

/**
 * Plain HTTP for files under /api/results/: exports (.xlsx, streamed; the official documents as .docx), the survey template, and the
 * survey import (preview, then commit; the body is the file itself). Authenticated like /graphql.
 */
export function resultsRoutes(app: Express, deps: RouteDeps): void {
  app.get(
    '/api/results/results.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      const period = await resultsPeriod(ctx, intParam(req, 'periodId'));
      await exportResults(ctx, res, period, blockParam(req));
    }),
  );

  app.get(
    '/api/results/score-sheet.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      const { period, unit } = await exportableSheet(ctx, intParam(req, 'periodId'), intParam(req, 'unitId'));
      await exportSheet(ctx, res, period, unit);
    }),
  );

  app.get(
    '/api/results/results.docx',
    apiRoute(deps, async (ctx, req, res) => {
      const period = await resultsPeriod(ctx, intParam(req, 'periodId'));
      const block = blockParam(req);
      sendDocx(res, `phu-luc-ket-qua-chi-so-cchc-${period.year}.docx`, await resultsAppendixDocx(ctx, period, block));
    }),
  );

  app.get(
    '/api/results/score-sheet.docx',
    apiRoute(deps, async (ctx, req, res) => {
      const { period, unit, sheetId } = await exportableSheet(ctx, intParam(req, 'periodId'), intParam(req, 'unitId'));
      sendDocx(res, `bao-cao-tu-danh-gia-${unit.code}-${period.year}.docx`, await selfAssessmentDocx(ctx, period, unit, sheetId));
    }),
  );

  app.get(
    '/api/results/calibration.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      await exportCalibration(ctx, res, await readableCalibration(ctx, intParam(req, 'periodId')));
    }),
  );

  app.get(
    '/api/results/survey-template.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      await exportSurveyTemplate(ctx, res, await surveyTemplatePeriod(ctx, intParam(req, 'periodId')));
    }),
  );

  app.post(
    '/api/results/survey/preview',
    apiRoute(deps, async (ctx, req, res) => {
      res.json((await surveyPreview(ctx, req)).preview);
    }),
  );

  app.post(
    '/api/results/survey',
    apiRoute(deps, async (ctx, req, res) => {
      const { actor, preview } = await surveyPreview(ctx, req);
      res.json(await commitSurvey(ctx.em, actor, preview, req.query.replace === 'true'));
    }),
  );
}
