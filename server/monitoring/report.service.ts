import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, lockAuthorized, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { domainError, forbidden } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Unit } from '../units/index.ts';
import { REPORT, REPORT_PERIOD, yearNotConfigured } from './monitoring.errors.ts';
import { MonitoringYear } from './plan.entity.ts';
import { checkDate } from './plan.logic.ts';
import { PeriodicReport, ReportPeriod, ReportStatus } from './report.entity.ts';
import { checkTemplate, checkValues, missingNumbers, type ReportField } from './report.logic.ts';
import type { ReportFieldView, ReportPeriodInput, ReportValuesInput, ReturnReportInput } from './report.types.ts';

const reportSubject = (report: { unit: { id: number }; year: number; status: ReportStatus }) => ({
  unit: report.unit.id,
  year: report.year,
  status: report.status,
});

/** Sets (creates or moves) a report period's deadline (secretariat). */
export async function setReportPeriod(em: EntityManager, actor: Actor, input: ReportPeriodInput): Promise<ReportPeriod> {
  authorize(actor, 'update', 'ReportPeriod');
  const deadline = checkDate(input.deadline, 'deadline');
  return em.transactional(async (tx) => {
    if (!(await tx.findOne(MonitoringYear, { year: input.year }))) throw yearNotConfigured(input.year);
    const existing = await tx.findOne(ReportPeriod, { year: input.year, kind: input.kind });
    const before = existing ? { deadline: existing.deadline } : null;
    const period = existing ?? tx.create(ReportPeriod, { year: input.year, kind: input.kind, deadline });
    period.deadline = deadline;
    await tx.flush();
    recordAudit(tx, actor, { subjectType: 'ReportPeriod', subjectId: period.id, action: 'report-period', before, after: { deadline } });
    return period;
  });
}

/** Replaces a year's report template (secretariat), while no report of the year has been submitted. */
export async function setReportTemplate(em: EntityManager, actor: Actor, year: number, fields: ReportFieldView[]): Promise<MonitoringYear> {
  authorize(actor, 'update', 'MonitoringYear');
  const template = checkTemplate(fields);
  return em.transactional(async (tx) => {
    const row = await tx.findOne(MonitoringYear, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw yearNotConfigured(year);
    if (await tx.count(PeriodicReport, { year, firstSubmittedAt: { $ne: null } })) {
      throw domainError('TEMPLATE_IN_USE', {
        vi: `Đã có báo cáo năm ${year} được gửi theo mẫu hiện tại; không thể thay đổi mẫu.`,
        en: `Reports of ${year} were already submitted on the current template; it can no longer change.`,
      });
    }
    recordAudit(tx, actor, {
      subjectType: 'MonitoringYear',
      subjectId: row.id,
      action: 'report-template',
      before: { template: row.reportTemplate },
      after: { template },
    });
    row.reportTemplate = template;
    return row;
  });
}

async function periodWithTemplate(
  tx: EntityManager,
  actor: Actor,
  periodId: number,
): Promise<{ period: ReportPeriod; template: ReportField[] }> {
  const period = await tx.findOne(ReportPeriod, periodId);
  if (!period) throw missingRow(actor, 'read', 'ReportPeriod', REPORT_PERIOD, periodId);
  const year = await tx.findOneOrFail(MonitoringYear, { year: period.year });
  return { period, template: year.reportTemplate };
}

/**
 * The caller's unit's report of the period, locked, created as a draft when missing: it must still be at the version the
 * caller edited (0: none yet), else CONFLICT (whatever changed meanwhile, a submission included), and a draft or returned.
 */
async function ownReport(tx: EntityManager, actor: Actor, period: ReportPeriod, version: number): Promise<PeriodicReport> {
  if (actor.unitId == null) throw forbidden();
  const existing = await tx.findOne(
    PeriodicReport,
    { period, unit: actor.unitId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  assertVersion(existing, version);
  if (existing && !editable(existing.status)) throw reportLocked(existing.status);
  if (existing) return existing;
  const report = tx.create(PeriodicReport, { period, unit: tx.getReference(Unit, actor.unitId), year: period.year });
  await tx.flush();
  return report;
}

export const reportLocked = (status: ReportStatus) =>
  status === ReportStatus.ACCEPTED
    ? domainError('REPORT_ACCEPTED', {
        vi: 'Báo cáo đã được tiếp nhận; không thể thay đổi.',
        en: 'The report is accepted; it can no longer change.',
      })
    : domainError('REPORT_SUBMITTED', {
        vi: 'Báo cáo đã gửi, đang chờ Sở Nội vụ xem xét.',
        en: 'The report is submitted and waiting for the secretariat.',
      });

const editable = (status: ReportStatus) => status === ReportStatus.DRAFT || status === ReportStatus.RETURNED;

function applyValues(report: PeriodicReport, values: Map<string, number | string | null>): void {
  const next = { ...report.values };
  for (const [key, value] of values) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  report.values = next;
}

/**
 * The caller's unit's report of `input.periodId` with `input.values` applied, inside `tx`, once `action` (`update`
 * by staff and lead, `submit` by the lead) is allowed and the report is still a draft or returned.
 */
async function writeOwnReport(
  tx: EntityManager,
  actor: Actor,
  action: 'update' | 'submit',
  input: ReportValuesInput,
): Promise<{ report: PeriodicReport; template: ReportField[] }> {
  const { period, template } = await periodWithTemplate(tx, actor, input.periodId);
  authorize(actor, action, 'PeriodicReport', { unit: actor.unitId, year: period.year });
  const values = checkValues(template, input.values);
  const report = await ownReport(tx, actor, period, input.version);
  applyValues(report, values);
  report.updatedBy = tx.getReference(User, actor.id);
  return { report, template };
}

/** Autosave: the given fields of the caller's unit's report (staff or lead), while a draft or returned. */
export async function saveReport(em: EntityManager, actor: Actor, input: ReportValuesInput): Promise<PeriodicReport> {
  return em.transactional(async (tx) => (await writeOwnReport(tx, actor, 'update', input)).report);
}

/**
 * The unit lead submits the report (with any last values): complete (every number field filled),
 * never after acceptance. Timeliness counts from the first submission unless a return ruled otherwise.
 */
export async function submitReport(em: EntityManager, actor: Actor, input: ReportValuesInput, now = new Date()): Promise<PeriodicReport> {
  return em.transactional(async (tx) => {
    const { report, template } = await writeOwnReport(tx, actor, 'submit', input);
    const missing = missingNumbers(template, report.values);
    if (missing.length) {
      throw domainError(
        'REPORT_INCOMPLETE',
        {
          vi: `Báo cáo còn thiếu ${missing.length} chỉ tiêu số liệu.`,
          en: `The report still lacks ${missing.length} figures.`,
        },
        { field: `values.${missing[0]}`, missing },
      );
    }
    Object.assign(report, {
      status: ReportStatus.SUBMITTED,
      firstSubmittedAt: report.firstSubmittedAt ?? now,
      countedSubmittedAt: report.countedSubmittedAt ?? now,
      submittedAt: now,
      submittedBy: tx.getReference(User, actor.id),
    });
    recordAudit(tx, actor, {
      subjectType: 'PeriodicReport',
      subjectId: report.id,
      action: 'report-submit',
      after: { submittedAt: now.toISOString() },
    });
    return report;
  });
}

async function submittedReport(tx: EntityManager, actor: Actor, id: number, action: 'return' | 'accept'): Promise<PeriodicReport> {
  const report = await lockAuthorized(tx, actor, PeriodicReport, id, {
    action,
    subjectName: 'PeriodicReport',
    what: REPORT,
    subject: reportSubject,
  });
  if (report.status !== ReportStatus.SUBMITTED) {
    throw domainError(
      'REPORT_NOT_SUBMITTED',
      { vi: 'Chỉ xử lý được báo cáo đang ở trạng thái đã gửi.', en: 'Only a submitted report can be accepted or returned.' },
      { status: report.status },
    );
  }
  return report;
}

/** Returns a submitted report for correction with a comment (secretariat). */
export async function returnReport(em: EntityManager, actor: Actor, input: ReturnReportInput, now = new Date()): Promise<PeriodicReport> {
  const comment = cleanText(input.comment, 'comment', { required: true, max: 5000 })!;
  return em.transactional(async (tx) => {
    const report = await submittedReport(tx, actor, input.reportId, 'return');
    Object.assign(report, {
      status: ReportStatus.RETURNED,
      returnedAt: now,
      returnComment: comment,
      decidedBy: tx.getReference(User, actor.id),
      decidedAt: now,
      // The secretariat's ruling: by default timeliness stays with the first submission.
      countedSubmittedAt: input.keepFirstSubmission ? report.countedSubmittedAt : null,
    });
    recordAudit(tx, actor, {
      subjectType: 'PeriodicReport',
      subjectId: report.id,
      action: 'report-return',
      after: { keepFirstSubmission: input.keepFirstSubmission },
      reason: comment,
    });
    return report;
  });
}

export async function acceptReport(em: EntityManager, actor: Actor, id: number, now = new Date()): Promise<PeriodicReport> {
  return em.transactional(async (tx) => {
    const report = await submittedReport(tx, actor, id, 'accept');
    Object.assign(report, { status: ReportStatus.ACCEPTED, decidedBy: tx.getReference(User, actor.id), decidedAt: now });
    recordAudit(tx, actor, { subjectType: 'PeriodicReport', subjectId: report.id, action: 'report-accept' });
    return report;
  });
}
