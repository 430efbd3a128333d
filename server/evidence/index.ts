import type { ServerModule } from '../access/index.ts';
import { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
import { EvidenceResolver, SelfScoreEvidenceResolver, SheetEvidenceResolver } from './evidence.resolver.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { DocumentReading } from './reading.entity.ts';
import { readPendingFiles, settleReadings } from './reading.service.ts';

/** Evidence documents of score sheets; their permissions are the sheet's (scoring.permissions.ts). */
export const evidenceModule: ServerModule = {
  name: 'evidence',
  entities: [StoredFile, Evidence, EvidenceLink, DocumentReading],
  resolvers: [EvidenceResolver, SheetEvidenceResolver, SelfScoreEvidenceResolver],
  routes: evidenceRoutes,
  // Uploads start their own read; this catches files left unread (older uploads, a restart mid-read).
  jobs: [{ name: 'read-pending-documents', everyMs: 300_000, run: readPendingFiles }],
  settle: settleReadings,
};

// The public surface: what other modules may use.
export { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
export {
  downloadUrl,
  storedFileLost,
  storedFileMissing,
  loadEvidence,
  missingEvidence,
  sheetEvidenceLoader,
  type SheetEvidence,
} from './evidence.read.ts';
export { receiveEvidenceFile, sendEvidenceFile, type EvidenceFile, type SendableFile } from './evidence.routes.ts';
export { fileEvidence, linkStoredDocuments, storeReceivedFile, type DocumentToFile, type StoredDocument } from './evidence.service.ts';
export { scheduleReading } from './reading.service.ts';
export { CitationMismatch, DocumentReadingView, type EvidenceView } from './evidence.types.ts';
export { evidenceRoot, evidenceStorage, type StorageSettings } from './stores.ts';
export { storageUnavailable, type EvidenceStorage } from './storage.ts';
