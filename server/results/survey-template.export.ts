import type { Response } from 'express';
import type { AppContext } from '../access/index.ts';
import { addSheet, excelNumber, streamWorkbook } from '../shared/xlsx.ts';
import { SURVEY_COLUMNS } from './survey-file.logic.ts';

/**
 * The survey import template: one row per active unit and survey sub-criterion of the period,
 * with the names and maxima for reference and the points imported so far (empty otherwise).
 */
export async function exportSurveyTemplate(ctx: AppContext, res: Response, period: { id: number; year: number }): Promise<void> {
  const rows = await ctx.em.execute<
    { unit_code: string; unit_name: string; code: string; title: string; max_points: string; points: string | null }[]
  >(
    `select u.code as unit_code, u.name as unit_name, c.code, c.title, c.max_points, sr.points
       from period_criteria_sets pcs
       join criteria_set cs on cs.id = pcs.criteria_set_id
       join unit u on u.block = cs.block and u.active
       join criterion c on c.criteria_set_id = cs.id and c.kind = 'SURVEY'
        and not exists (select 1 from criterion k where k.parent_id = c.id)
       left join survey_result sr on sr.period_id = pcs.period_id and sr.unit_id = u.id and sr.criterion_id = c.id
      where pcs.period_id = ?
      order by cs.block, u.code, c.position, c.code`,
    [period.id],
  );
  const workbook = streamWorkbook(res, `mau-nhap-diem-dieu-tra-xhh-${period.year}.xlsx`);
  const sheet = addSheet(workbook, 'Điểm điều tra XHH', [
    { header: SURVEY_COLUMNS.unitCode.header, key: 'unitCode', width: 12 },
    { header: 'Tên đơn vị', key: 'unitName', width: 40 },
    { header: SURVEY_COLUMNS.criterionCode.header, key: 'code', width: 12 },
    { header: 'Tên tiêu chí', key: 'title', width: 70 },
    { header: 'Điểm tối đa', key: 'max', decimal: true },
    { header: SURVEY_COLUMNS.points.header, key: 'points', decimal: true },
  ]);
  for (const row of rows) {
    sheet
      .addRow({
        unitCode: row.unit_code,
        unitName: row.unit_name,
        code: row.code,
        title: row.title,
        max: excelNumber(row.max_points),
        points: excelNumber(row.points),
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
