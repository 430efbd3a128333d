import type { ServerModule } from '../access/index.ts';
import { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
import { EvidenceResolver, SelfScoreEvidenceResolver, SheetEvidenceResolver } from './evidence.resolver.ts';
import { evidenceRoutes } from './evidence.routes.ts';

/** Evidence documents of score sheets; their permissions are the sheet's (scoring.permissions.ts). */
export const evidenceModule: ServerModule = {
  name: 'evidence',
  entities: [StoredFile, Evidence, EvidenceLink],
  resolvers: [EvidenceResolver, SheetEvidenceResolver, SelfScoreEvidenceResolver],
  routes: evidenceRoutes,
};

// The public surface: what other modules may use.
export { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
export { downloadUrl, evidenceNotFound, loadEvidence, sheetEvidenceLoader, type SheetEvidence } from './evidence.read.ts';
export { receiveEvidenceFile, sendEvidenceFile, type EvidenceFile } from './evidence.routes.ts';
export { fileEvidence, type DocumentToFile } from './evidence.service.ts';
export type { EvidenceView } from './evidence.types.ts';
export { evidenceStorage, type EvidenceStorage } from './storage.ts';
