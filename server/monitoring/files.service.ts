import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  authorize,
  lockAuthorized,
  missingRow,
  requireReadable,
  requireUser,
  type Action,
  type Actor,
  type AppContext,
} from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { storeReceivedFile, type EvidenceFile, type EvidenceStorage, type SendableFile, type StoredFile } from '../evidence/index.ts';
import { AppError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import { Inspection } from './inspection.entity.ts';
import { INSPECTION, PLAN, TASK, taskCancelled } from './monitoring.errors.ts';
import { AnnualPlan, PlanTask, TaskStatus } from './plan.entity.ts';
import type { UnitYearRecord } from './record.entity.ts';

/** The file a record cites, as its audit entries and upload answers show it. */
interface CitedFile {
  fileName: string | null;
  sha256: string | null;
  documentNumber?: string | null;
}

/**
 * One kind of document a monitoring record cites from the evidence store: the issued plan's file, a task's
 * output document, an inspection's conclusion. Changing it takes `action` on the record (the unit's staff
 * while the year is open, see monitoring.permissions.ts); reading it, `read` on the record.
 */
export interface DocumentSlot<T extends UnitYearRecord = UnitYearRecord> {
  entity: EntityClass<T>;
  subjectName: 'AnnualPlan' | 'PlanTask' | 'Inspection';
  action: Action;
  what: Localized;
  /** Its upload and download route under /api/monitoring/, `:id` standing for the record's id. */
  path: string;
  auditAction: string;
  /** The citation fields sent with the file (cleaned as evidence citations are). */
  citation: readonly 'documentNumber'[];
  /** The record as the permission rules see it. */
  subject(row: T): object;
  /** Refuses a record whose state takes no new document. */
  check?(row: T): void;
  get(row: T): CitedFile;
  set(row: T, file: StoredFile, fileName: string, documentNumber: string | null): void;
  /** The record's new file fields, named as in GraphQL. */
  view(row: T): Record<string, unknown>;
  /** Its table and file columns, for the download. */
  sql: { table: string; sha256: string; name: string };
}

const unitYear = (row: UnitYearRecord) => ({ id: row.id, unit: row.unit.id, year: row.year });

/** The URL a record's document downloads from (GET, with the session cookie or a bearer token). */
export const documentUrl = (slot: Pick<DocumentSlot, 'path'>, id: number) => `/api/monitoring/${slot.path.replace(':id', String(id))}`;

export const PLAN_FILE: DocumentSlot<AnnualPlan> = {
  entity: AnnualPlan,
  subjectName: 'AnnualPlan',
  action: 'update',
  what: PLAN,
  path: 'plans/:id/file',
  auditAction: 'plan-file',
  citation: [],
  subject: unitYear,
  get: (plan) => ({ fileName: plan.fileName ?? null, sha256: plan.file?.sha256 ?? null }),
  set: (plan, file, fileName) => Object.assign(plan, { file, fileName }),
  view: (plan) => ({
    id: plan.id,
    fileName: plan.fileName ?? null,
    fileSha256: plan.file?.sha256 ?? null,
    fileUrl: documentUrl(PLAN_FILE, plan.id),
  }),
  sql: { table: 'annual_plan', sha256: 'file_sha256', name: 'file_name' },
};

export const TASK_OUTPUT: DocumentSlot<PlanTask> = {
  entity: PlanTask,
  subjectName: 'PlanTask',
  // A task's progress, not its definition: city-assigned tasks too, on the unit's own plan only.
  action: 'progress',
  what: TASK,
  path: 'tasks/:id/output',
  auditAction: 'task-output',
  citation: ['documentNumber'],
  subject: (task) => ({ ...unitYear(task), cityAssigned: task.cityAssigned }),
  check: (task) => {
    if (task.status === TaskStatus.CANCELLED) throw taskCancelled();
  },
  get: (task) => ({
    fileName: task.outputFileName ?? null,
    sha256: task.outputFile?.sha256 ?? null,
    documentNumber: task.outputDocumentNumber ?? null,
  }),
  set: (task, outputFile, outputFileName, outputDocumentNumber) =>
    Object.assign(task, { outputFile, outputFileName, outputDocumentNumber }),
  view: (task) => ({
    id: task.id,
    outputFileName: task.outputFileName ?? null,
    outputFileSha256: task.outputFile?.sha256 ?? null,
    outputDocumentNumber: task.outputDocumentNumber ?? null,
    outputFileUrl: documentUrl(TASK_OUTPUT, task.id),
  }),
  sql: { table: 'plan_task', sha256: 'output_file_sha256', name: 'output_file_name' },
};

export const INSPECTION_CONCLUSION: DocumentSlot<Inspection> = {
  entity: Inspection,
  subjectName: 'Inspection',
  action: 'update',
  what: INSPECTION,
  path: 'inspections/:id/conclusion',
  auditAction: 'inspection-conclusion',
  citation: [],
  subject: unitYear,
  get: (row) => ({ fileName: row.conclusionFileName ?? null, sha256: row.conclusionFile?.sha256 ?? null }),
  set: (row, conclusionFile, conclusionFileName) => Object.assign(row, { conclusionFile, conclusionFileName }),
  view: (row) => ({
    id: row.id,
    conclusionFileName: row.conclusionFileName ?? null,
    conclusionFileSha256: row.conclusionFile?.sha256 ?? null,
    conclusionFileUrl: documentUrl(INSPECTION_CONCLUSION, row.id),
  }),
  sql: { table: 'inspection', sha256: 'conclusion_file_sha256', name: 'conclusion_file_name' },
};

/**
 * Refuses a document for the record before its body is read, without a lock: FORBIDDEN for a record the caller
 * may not change and, alike, for a missing id (NOT_FOUND only to who may read every record of the kind); the
 * record's own refusal (a cancelled task).
 */
export async function assertMayAttach<T extends UnitYearRecord>(em: EntityManager, actor: Actor, slot: DocumentSlot<T>, id: number) {
  const row = await em.findOne(slot.entity, id as FilterQuery<T>);
  if (!row) throw missingRow(actor, 'read', slot.subjectName, slot.what, id);
  authorize(actor, slot.action, slot.subjectName, slot.subject(row));
  slot.check?.(row);
}

/**
 * Makes a received file the record's document: the content goes to the evidence store (once per SHA-256) and the
 * record cites it under the name it was sent with, audited (file name and SHA-256 before and after, and the task
 * output's document number) when anything changed. The caller reads the file (`scheduleReading`) after the commit.
 */
export async function attachDocument<T extends UnitYearRecord>(
  em: EntityManager,
  actor: Actor,
  storage: EvidenceStorage,
  slot: DocumentSlot<T>,
  id: number,
  file: EvidenceFile,
): Promise<Record<string, unknown>> {
  return em.transactional(async (tx) => {
    const row = await lockAuthorized(tx, actor, slot.entity, id, {
      action: slot.action,
      subjectName: slot.subjectName,
      what: slot.what,
      subject: slot.subject,
    });
    slot.check?.(row);
    const before = slot.get(row);
    const stored = await storeReceivedFile(tx, storage, file);
    // The number belongs to the document: a new file takes the one sent with it; the same file sent again keeps its own.
    const sent = file.metadata.documentNumber;
    const documentNumber = sent !== undefined ? sent : before.sha256 === file.staged.sha256 ? (before.documentNumber ?? null) : null;
    slot.set(row, stored, file.fileName, documentNumber);
    const after = slot.get(row);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      recordAudit(tx, actor, {
        subjectType: slot.subjectName,
        subjectId: row.id,
        action: slot.auditAction,
        before: { ...before },
        after: { ...after },
      });
    }
    return slot.view(row);
  });
}

/** The record's document for download, if the caller may read the record (FORBIDDEN for a missing id, as above). */
export async function readableDocument(ctx: AppContext, slot: DocumentSlot, id: number): Promise<SendableFile> {
  const actor = requireUser(ctx);
  const [row] = await ctx.em.getConnection().execute<(SendableFile & { sha256: string | null })[]>(
    `select r.id, r.unit_id as unit, r.year, r.${slot.sql.name} as "fileName", f.sha256, f.content_type as "contentType", f.size
       from ${slot.sql.table} r left join stored_file f on f.sha256 = r.${slot.sql.sha256}
      where r.id = ?`,
    [id],
  );
  const readable = requireReadable(actor, slot.subjectName, slot.what, id, row ?? null);
  if (!readable.sha256 || !readable.fileName) {
    throw new AppError(
      'NOT_FOUND',
      {
        vi: `Chưa có tệp nào được tải lên cho ${slot.what.vi} này.`,
        en: `No file has been uploaded for this ${slot.what.en.toLowerCase()}.`,
      },
      { id, http: { status: 404 } },
    );
  }
  return { ...readable, sha256: readable.sha256, size: Number(readable.size) };
}
