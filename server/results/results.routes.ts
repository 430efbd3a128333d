import { subject as asSubject } from '@casl/ability';
import express, { type Express, type Request } from 'express';
import { authorize, requireUser } from '../access/index.ts';
import { apiRoute } from '../access/index.ts';
import { badInput, domainError, forbidden, notFound } from '../shared/errors.ts';
import type { AppContext } from '../access/index.ts';
import type { RouteDeps } from '../access/index.ts';
import { UnitBlock } from '../units/index.ts';
import { exportCalibration, exportResults, exportSheet } from './results.export.ts';
import { canReadDetails, readableCalibration, resultsPeriod } from './results.read.ts';
import { parseSurveyFile } from './survey-file.logic.ts';
import { commitSurvey, previewSurvey } from './survey.service.ts';
import { exportSurveyTemplate } from './survey-template.export.ts';

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

/** The request body as bytes, at most `limit` (FILE_TOO_LARGE beyond). */
const rawBody = express.raw({ type: () => true, limit: SURVEY_FILE_LIMIT });
function readBody(req: Request, res: express.Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    rawBody(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        reject(domainError('FILE_TOO_LARGE', {
          vi: `Tệp vượt quá ${SURVEY_FILE_LIMIT / 1024 / 1024} MB.`, en: `The file is larger than ${SURVEY_FILE_LIMIT / 1024 / 1024} MB.`,
        }, { field: 'file', http: { status: 413 } }));
      } else if (error) reject(error);
      else resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    });
  });
}

/** The file name the client gives (`fileName` query parameter), used for messages and the format claim only. */
const fileNameOf = (req: Request) => (typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 255) : 'survey');

async function surveyPreview(ctx: AppContext, req: Request, res: express.Response) {
  authorize(ctx, 'import', 'SurveyResult');
  const periodId = intParam(req, 'periodId');
  const bytes = await readBody(req, res);
  const fileName = fileNameOf(req);
  return previewSurvey(ctx.em, periodId, fileName, bytes, await parseSurveyFile(bytes, fileName));
}

/**
 * Plain HTTP for files: exports (.xlsx, streamed), the survey template, and the survey import
 * (preview, then commit; the body is the file itself). Authenticated like /graphql.
 */
export function resultsRoutes(app: Express, deps: RouteDeps): void {
  app.get('/exports/results.xlsx', apiRoute(deps, async (ctx, req, res) => {
    const period = await resultsPeriod(ctx, intParam(req, 'periodId'));
    await exportResults(ctx, res, period, blockParam(req));
  }));

  app.get('/exports/score-sheet.xlsx', apiRoute(deps, async (ctx, req, res) => {
    requireUser(ctx);
    const periodId = intParam(req, 'periodId');
    const unitId = intParam(req, 'unitId');
    const [row] = await ctx.em.execute<{ year: number | null; published: boolean; code: string; name: string }[]>(
      `select p.year, exists (select 1 from period_publication pp where pp.period_id = p.id) as published, u.code, u.name
         from unit u left join period p on p.id = ? where u.id = ?`, [periodId, unitId]);
    if (!row) throw notFound({ vi: 'đơn vị', en: 'Unit' }, unitId);
    if (row.year === null) throw notFound({ vi: 'kỳ đánh giá', en: 'Period' }, periodId);
    const period = { id: periodId, year: row.year, published: row.published };
    // The unit's own sheet under the scoring rules, or any unit whose result details the caller may read.
    const ownSheet = ctx.ability.can('read', asSubject('ScoreSheet', { unit: unitId, period: periodId }));
    if (!ownSheet && !canReadDetails(ctx, period, unitId)) throw forbidden();
    await exportSheet(ctx, res, period, { id: unitId, code: row.code, name: row.name });
  }));

  app.get('/exports/calibration.xlsx', apiRoute(deps, async (ctx, req, res) => {
    const period = await readableCalibration(ctx, intParam(req, 'periodId'));
    await exportCalibration(ctx, res, period);
  }));

  app.get('/exports/survey-template.xlsx', apiRoute(deps, async (ctx, req, res) => {
    authorize(ctx, 'import', 'SurveyResult');
    const periodId = intParam(req, 'periodId');
    const [period] = await ctx.em.execute<{ id: number; year: number }[]>('select id, year from period where id = ?', [periodId]);
    if (!period) throw notFound({ vi: 'kỳ đánh giá', en: 'Period' }, periodId);
    await exportSurveyTemplate(ctx, res, period);
  }));

  app.post('/imports/survey/preview', apiRoute(deps, async (ctx, req, res) => {
    res.json(await surveyPreview(ctx, req, res));
  }));

  app.post('/imports/survey', apiRoute(deps, async (ctx, req, res) => {
    const preview = await surveyPreview(ctx, req, res);
    res.json(await commitSurvey(ctx.em, preview, ctx.user!.id, req.query.replace === 'true'));
  }));
}
