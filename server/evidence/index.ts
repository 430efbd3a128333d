import type { ServerModule } from '../access/module.ts';
import { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { EvidenceResolver, SelfScoreEvidenceResolver, SheetEvidenceResolver } from './evidence.resolver.ts';

/** Evidence documents of score sheets; their permissions are the sheet's (scoring.permissions.ts). */
export const evidenceModule: ServerModule = {
  name: 'evidence',
  entities: [StoredFile, Evidence, EvidenceLink],
  resolvers: [EvidenceResolver, SheetEvidenceResolver, SelfScoreEvidenceResolver],
  routes: evidenceRoutes,
};
