import type { Express } from 'express';
import { apiRoute, positiveId, type RouteDeps } from '../access/index.ts';
import { setWorkbookHeaders } from '../shared/xlsx.ts';
import { writeSynthesisXlsx } from './synthesis.export.ts';
import { readableSynthesis, streamSynthesisRows } from './synthesis.read.ts';

/** GET /api/consultation/:id/synthesis.xlsx — the synthesis report, streamed; same auth and CASL rule as GraphQL. */
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
}
