import type { Express } from 'express';
import { requireUser } from '../access/index.ts';
import { criteriaSetLoader } from '../criteria/index.ts';
import { forbidden } from '../shared/errors.ts';
import type { RouteDeps } from '../access/index.ts';
import { apiRoute } from '../access/index.ts';
import { consultationNotFound } from './consultation.errors.ts';
import { canReadSynthesis } from './consultation.guard.ts';
import { consultationLoader } from './consultation.read.ts';
import { writeSynthesisXlsx } from './synthesis.export.ts';
import { streamSynthesisRows, synthesisSummary } from './synthesis.read.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/consultations/:id/synthesis.xlsx — the synthesis report, streamed; same auth and CASL rule as GraphQL. */
export function consultationRoutes(app: Express, deps: RouteDeps): void {
  app.get('/api/consultations/:id/synthesis.xlsx', apiRoute(deps, async (ctx, req, res) => {
    requireUser(ctx);
    const id = Number(req.params.id);
    const consultation = Number.isSafeInteger(id) ? await consultationLoader(ctx).load(id) : null;
    if (!consultation) throw consultationNotFound(id);
    if (!canReadSynthesis(ctx, id)) throw forbidden();
    const set = (await criteriaSetLoader(ctx).load(consultation.criteriaSetId))!;
    const summary = await synthesisSummary(ctx.em, id);

    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', `attachment; filename="tong-hop-y-kien-${id}.xlsx"`);
    res.setHeader('cache-control', 'no-store');
    const rows = streamSynthesisRows(ctx.em, id);
    res.once('close', () => rows.destroy());
    await writeSynthesisXlsx(res, {
      title: consultation.title, introduction: consultation.introduction, draftTitle: set.title, draftVersion: set.version,
      opensAt: consultation.opensAt, closesAt: consultation.closesAt, summary, rows,
    });
  }));
}
