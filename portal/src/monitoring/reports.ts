import type { ReportDetailFragment, ReportFieldDefFragment } from '../generated/monitoring';

/** The fields of one PAR area in a report template. */
export interface AreaFields {
  area: number;
  fields: ReportFieldDefFragment[];
}

/** The template's fields by PAR area (1–8), each area's in the template's order. */
export function byArea(template: readonly ReportFieldDefFragment[]): AreaFields[] {
  const groups = new Map<number, ReportFieldDefFragment[]>();
  for (const field of template) groups.set(field.area, [...(groups.get(field.area) ?? []), field]);
  return [...groups].sort(([a], [b]) => a - b).map(([area, fields]) => ({ area, fields }));
}

/** A report's values by key, as the form's fields hold them (text; '' for none). */
export const valuesByKey = (report: Pick<ReportDetailFragment, 'values'> | null): Record<string, string> =>
  Object.fromEntries((report?.values ?? []).map((entry) => [entry.key, entry.value ?? '']));

/** The unit may still change it: not started, a draft, or returned for correction. */
export const isEditable = (report: Pick<ReportDetailFragment, 'status'> | null) =>
  !report || report.status === 'DRAFT' || report.status === 'RETURNED';

type ChipKey = 'NONE' | 'DRAFT' | 'SUBMITTED_ON_TIME' | 'SUBMITTED_LATE' | 'RETURNED' | 'ACCEPTED_ON_TIME' | 'ACCEPTED_LATE';

/** Where a report stands, as its chip says it: the text under `monitoring.report.chip` and the chip's colour. */
export function reportChip(report: Pick<ReportDetailFragment, 'status' | 'onTime'> | null): { key: ChipKey; tone: string } {
  const timing = report?.onTime ? 'ON_TIME' : 'LATE';
  switch (report?.status) {
    case undefined:
      return { key: 'NONE', tone: '' };
    case 'DRAFT':
      return { key: 'DRAFT', tone: '' };
    case 'RETURNED':
      return { key: 'RETURNED', tone: 'danger' };
    case 'SUBMITTED':
      return { key: `SUBMITTED_${timing}`, tone: report.onTime ? 'success' : 'warning' };
    case 'ACCEPTED':
      return { key: `ACCEPTED_${timing}`, tone: report.onTime ? 'success' : 'warning' };
  }
}
