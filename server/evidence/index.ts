import type { ServerModule } from '../access/index.ts';
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

// The public surface: what other modules may use.
export { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
export { downloadUrl, loadEvidence, sheetEvidenceLoader } from './evidence.read.ts';
export { asciiFallback } from './evidence.routes.ts';
export type { EvidenceView } from './evidence.types.ts';
export { fileTooLarge, parseUpload } from './evidence.upload.ts';
export { ALLOWED_EXTENSIONS, detectFileKind } from './file-kind.ts';
export type { FileKind } from './file-kind.ts';
export { checkMetadata } from './metadata.logic.ts';
export type { EvidenceMetadata } from './metadata.logic.ts';
export { discardStaged, evidenceStorage, stageStream } from './storage.ts';
export type { EvidenceStorage, StagedFile } from './storage.ts';
