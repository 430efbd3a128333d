import type { Response } from 'express';
import type { AppContext } from '../access/index.ts';
import { addSheet, excelNumber, streamWorkbook } from '../shared/xlsx.ts';
import type { UnitBlock } from '../units/index.ts';
import { queryCalibration, type CalibrationDimension } from './calibration.read.ts';
import { canReadDetails, rankingOf, visibleResults, type ResultsPeriod } from './results.read.ts';
import { querySheetLines } from './sheet.read.ts';

export const BLOCK_VI: Record<string, string> = {
  DEPARTMENT: 'Sở, ban, ngành',
  DISTRICT: 'UBND quận, huyện, thị xã',
  COMMUNE: 'UBND xã, phường',
};

/** Every ranked unit of a period (every block or one), block by block in rank order, as the caller may see it. */
export async function rankingToExport(ctx: AppContext, period: ResultsPeriod, block: UnitBlock | null) {
  const { rows } = await rankingOf(ctx, period, {
    block,
    orderBy: [
      { field: 'BLOCK', direction: 'ASC' },
      { field: 'RANK', direction: 'ASC' },
    ],
    offset: 0,
    limit: null,
  });
  const areas = [...new Map(rows.flatMap((row) => row.areas.map((area) => [area.code, area.title] as const))).entries()];
  return { rows, areas };
}

/** The results table of a period (one row per unit, every block or one), as the caller may see it. */
export async function exportResults(ctx: AppContext, res: Response, period: ResultsPeriod, block: UnitBlock | null): Promise<void> {
  const { rows, areas: areaCodes } = await rankingToExport(ctx, period, block);
  const workbook = streamWorkbook(res, `ket-qua-chi-so-cchc-${period.year}.xlsx`);
  const sheet = addSheet(workbook, `Kết quả ${period.year}`, [
    { header: 'Khối', key: 'block', width: 24 },
    { header: 'Xếp hạng', key: 'rank', width: 9 },
    { header: 'Mã đơn vị', key: 'code', width: 12 },
    { header: 'Tên đơn vị', key: 'name', width: 42 },
    { header: 'Chỉ số CCHC (%)', key: 'index', decimal: true },
    { header: 'Nhóm', key: 'group', width: 9 },
    { header: `Chỉ số ${period.previous?.year ?? 'năm trước'} (%)`, key: 'previousIndex', decimal: true },
    { header: 'Thay đổi (điểm %)', key: 'change', decimal: true },
    { header: 'Điểm đạt được', key: 'achieved', decimal: true },
    { header: 'Điểm tối đa áp dụng', key: 'max', decimal: true },
    { header: 'Điểm điều tra XHH', key: 'survey', decimal: true },
    { header: 'Điểm thưởng', key: 'bonus', decimal: true },
    { header: 'Điểm trừ', key: 'deduction', decimal: true },
    { header: 'Tổng điểm', key: 'total', decimal: true },
    { header: 'Cơ sở tính', key: 'basis', width: 18 },
    ...areaCodes.map(([code, title]) => ({ header: `Lĩnh vực ${code}: ${title} (%)`, key: `area:${code}`, width: 18, decimal: true })),
  ]);
  for (const row of rows) {
    const details = canReadDetails(ctx, period, row.unitId);
    sheet
      .addRow({
        block: BLOCK_VI[row.block] ?? row.block,
        rank: row.rank,
        code: row.unitCode,
        name: row.unitName,
        index: excelNumber(row.index),
        group: row.groupCode,
        previousIndex: excelNumber(row.previousIndex),
        change: excelNumber(row.change),
        ...(details
          ? {
              achieved: excelNumber(row.achieved),
              max: excelNumber(row.applicableMax),
              survey: excelNumber(row.surveyPoints),
              bonus: excelNumber(row.bonus),
              deduction: excelNumber(row.deduction),
              total: excelNumber(row.total),
              basis: row.final ? 'Điểm thẩm định' : 'Điểm tự chấm (tạm tính)',
              ...Object.fromEntries(row.areas.map((area) => [`area:${area.code}`, excelNumber(area.index)])),
            }
          : {}),
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** One unit's full score sheet: the tree with self, round 1, round 2, survey and counted points, rolled up. */
export async function exportSheet(
  ctx: AppContext,
  res: Response,
  period: { id: number; year: number; published: boolean },
  unit: { id: number; code: string; name: string },
): Promise<void> {
  const lines = await querySheetLines(ctx.em, period.id, unit.id);
  const appraisal = canReadDetails(ctx, period, unit.id);
  const workbook = streamWorkbook(res, `bang-diem-${unit.code}-${period.year}.xlsx`);
  const sheet = addSheet(workbook, `${unit.code} ${period.year}`, [
    { header: 'Mã', key: 'code', width: 10 },
    { header: 'Tiêu chí', key: 'title', width: 70 },
    { header: 'Điểm tối đa', key: 'max', decimal: true },
    { header: 'Áp dụng', key: 'applicable', width: 9 },
    { header: 'Tự chấm', key: 'self', decimal: true },
    { header: 'Thẩm định lần 1', key: 'round1', decimal: true },
    { header: 'Thẩm định lần 2', key: 'round2', decimal: true },
    { header: 'Điều tra XHH', key: 'survey', decimal: true },
    { header: 'Điểm tính', key: 'points', decimal: true },
    { header: 'Điểm tối đa áp dụng', key: 'applicableMax', decimal: true },
    { header: 'Ghi chú, giải trình', key: 'note', width: 50 },
  ]);
  for (const line of lines) {
    const row = sheet.addRow({
      code: line.code,
      title: `${'  '.repeat(line.level - 1)}${line.title}`,
      max: excelNumber(line.maxPoints),
      applicable: line.applicable === null ? null : line.applicable ? 'Có' : 'Không',
      self: excelNumber(line.selfPoints),
      survey: excelNumber(line.survey),
      note: line.note,
      ...(appraisal
        ? {
            round1: excelNumber(line.round1),
            round2: excelNumber(line.round2),
            points: excelNumber(line.points),
            applicableMax: excelNumber(line.applicableMax),
          }
        : {}),
    });
    if (!line.isLeaf) row.font = { bold: true };
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

const CALIBRATION_SHEETS: { by: CalibrationDimension; name: string; head: string }[] = [
  { by: 'CRITERION', name: 'Theo tiêu chí', head: 'Tiêu chí thành phần' },
  { by: 'UNIT', name: 'Theo đơn vị', head: 'Đơn vị' },
  { by: 'APPRAISER', name: 'Theo người thẩm định', head: 'Người thẩm định' },
];

/** The calibration table: one worksheet per dimension (sub-criterion, unit, appraiser). */
export async function exportCalibration(ctx: AppContext, res: Response, period: ResultsPeriod): Promise<void> {
  const workbook = streamWorkbook(res, `hieu-chinh-diem-${period.year}.xlsx`);
  for (const { by, name, head } of CALIBRATION_SHEETS) {
    const { rows } = await queryCalibration(ctx.em, {
      periodId: period.id,
      by,
      offset: 0,
      limit: null,
      visible: visibleResults(ctx, 'sh.period_id', 'sh.unit_id', 'details'),
    });
    const sheet = addSheet(workbook, name, [
      { header: 'Mã', key: 'code', width: 12 },
      { header: head, key: 'label', width: 50 },
      { header: 'Số mục đã thẩm định', key: 'appraised' },
      { header: 'Số mục bị hạ điểm', key: 'lowered' },
      { header: 'Tỷ lệ hạ điểm (%)', key: 'share', decimal: true },
      { header: 'Số mục được nâng điểm', key: 'raised' },
      { header: 'Tổng điểm tự chấm', key: 'self', decimal: true },
      { header: 'Tổng điểm thẩm định', key: 'appraisedSum', decimal: true },
      { header: 'Chênh lệch (thẩm định − tự chấm)', key: 'gap', decimal: true },
      { header: 'Điểm bị hạ', key: 'over', decimal: true },
      { header: 'Chênh lệch bình quân', key: 'average', decimal: true },
    ]);
    for (const row of rows) {
      sheet
        .addRow({
          code: row.code,
          label: row.label,
          appraised: row.appraisedCount,
          lowered: row.loweredCount,
          share: excelNumber(row.loweredShare),
          raised: row.raisedCount,
          self: excelNumber(row.selfSum),
          appraisedSum: excelNumber(row.appraisedSum),
          gap: excelNumber(row.gapSum),
          over: excelNumber(row.overScoreSum),
          average: excelNumber(row.averageGap),
        })
        .commit();
    }
    sheet.commit();
  }
  await workbook.commit();
}
