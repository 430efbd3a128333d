import type { Express } from 'express';
import { apiRoute, positiveId, type RouteDeps } from '../access/index.ts';
import { sendDocx } from '../shared/docx.ts';
import { setWorkbookHeaders } from '../shared/xlsx.ts';
import { writeSynthesisDocx, writeSynthesisXlsx } from './synthesis.export.ts';
import { readableSynthesis, streamSynthesisRows, synthesisRows } from './synthesis.read.ts';

/**
 * GET /api/consultation/:id/synthesis.xlsx — the synthesis report, streamed; and
 * GET /api/consultation/:id/synthesis.docx — the same as an official document to file.
 * Same auth and CASL rule as GraphQL.
 */
export function consultationRoutes(app: Express, deps: RouteDeps): void {
  app.get(
    '/api/consultation/:id/synthesis.xlsx',
    apiRoute(deps, async (ctx, req, res) => {
      const id = positiveId(req.params.id, 'id');
      const document = await readableSynthesis(ctx, id);
      setWorkbookHeaders(res, `tong-hop-y-kien-${id}.xlsx`);
      const rows = streamSynthesisRows(ctx.em, id);
      res.once('close', () => rows.destroy());
      await writeSynthesisXlsx(res, { ...document, rows });
    }),
  );
  app.get(
    '/api/consultation/:id/synthesis.docx',
    apiRoute(deps, async (ctx, req, res) => {
      const id = positiveId(req.params.id, 'id');
      const document = await readableSynthesis(ctx, id);
      sendDocx(res, `tong-hop-y-kien-${id}.docx`, await writeSynthesisDocx(document, await synthesisRows(ctx.em, id)));
    }),
  );
}
