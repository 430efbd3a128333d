import type { Response } from 'express';
import { authorize, permissionSql, requireUser, type AppContext } from '../access/index.ts';
import { asciiFileName } from '../shared/download.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { addSheet, excelDate, streamWorkbook, type SheetColumn } from '../shared/xlsx.ts';
import { monitoringColumns } from './monitoring.permissions.ts';
import { PlanKind, TaskStatus } from './plan.entity.ts';
import { PAR_AREA_NAMES, PAR_AREAS } from './plan.logic.ts';
import { PLAN_TASK_COLUMNS, type PlanTaskColumn } from './plan-file.logic.ts';
import { planUnit } from './plan-import.service.ts';
import { consolidation, readablePeriod } from './report.read.ts';
import { ReportKind } from './report.entity.ts';

/** The task columns as the template and the export write them (the import reads them back). */
const TASK_SHEET_COLUMNS: (SheetColumn & { key: PlanTaskColumn })[] = [
  { header: PLAN_TASK_COLUMNS.code.header, key: 'code', width: 12 },
  { header: PLAN_TASK_COLUMNS.title.header, key: 'title', width: 60 },
  { header: PLAN_TASK_COLUMNS.area.header, key: 'area', width: 36 },
  { header: PLAN_TASK_COLUMNS.output.header, key: 'output', width: 30 },
  { header: PLAN_TASK_COLUMNS.deadline.header, key: 'deadline', width: 14, date: true },
  { header: PLAN_TASK_COLUMNS.leadUnit.header, key: 'leadUnit', width: 30 },
  { header: PLAN_TASK_COLUMNS.cooperatingUnits.header, key: 'cooperatingUnits', width: 40 },
  { header: PLAN_TASK_COLUMNS.criterionCode.header, key: 'criterionCode', width: 12 },
];

/** An area as plans write it, number and name ("3. Cải cách thủ tục hành chính …"): the import reads either. */
const areaLabel = (area: number) => `${area}. ${PAR_AREA_NAMES[area as (typeof PAR_AREAS)[number]]}`;

const STATUS_LABEL: Record<TaskStatus, string> = {
  NOT_STARTED: 'Chưa triển khai',
  IN_PROGRESS: 'Đang thực hiện',
  DONE: 'Hoàn thành',
  CANCELLED: 'Đã hủy',
};

const REPORT_KIND_LABEL: Record<ReportKind, string> = { Q1: 'Quý I', H1: '6 tháng', Q3: 'Quý III', YEAR: 'Năm' };

/** Names separated as the import splits them. */
const joinNames = (names: string[]) => names.join('; ');

/**
 * The plan task template: the header row, two example rows (an area by name, one by number, the caller's unit as lead,
 * real cooperating units, dd/mm dates in `year`) and a second sheet explaining each column and listing the 8 areas.
 */
export async function exportPlanTemplate(ctx: AppContext, res: Response, year: number): Promise<void> {
  const actor = requireUser(ctx);
  // The caller's unit first (the examples' lead unit), then two others to cooperate.
  const units = await ctx.em
    .getConnection()
    .execute<{ id: number; name: string }[]>(`select id, name from unit where active order by id = ? desc, block, code limit 3`, [
      actor.unitId ?? 0,
    ]);
  const own = units.find((unit) => unit.id === actor.unitId);
  const cooperating = units.filter((unit) => unit !== own).slice(0, 2);
  const workbook = streamWorkbook(res, `mau-ke-hoach-cchc-${year}.xlsx`);
  const sheet = addSheet(workbook, 'Nhiệm vụ', TASK_SHEET_COLUMNS);
  const examples = [
    {
      code: '1',
      title: `Ban hành Kế hoạch kiểm tra công tác CCHC năm ${year}`,
      area: PAR_AREA_NAMES[1],
      output: 'Kế hoạch',
      deadline: excelDate(`${year}-01-31`),
      leadUnit: own?.name ?? '',
      cooperatingUnits: '',
      criterionCode: '',
    },
    {
      code: '2',
      title: 'Rà soát, đề xuất đơn giản hóa thủ tục hành chính',
      area: 3,
      output: 'Phương án đơn giản hóa TTHC',
      deadline: excelDate(`${year}-06-30`),
      leadUnit: own?.name ?? '',
      cooperatingUnits: joinNames(cooperating.map((unit) => unit.name)),
      criterionCode: '',
    },
  ];
  for (const example of examples) sheet.addRow(example).commit();
  sheet.commit();
  const help = addSheet(workbook, 'Hướng dẫn', [
    { header: 'Cột', key: 'column', width: 22 },
    { header: 'Cách ghi', key: 'how', width: 100 },
  ]);
  const rows: [string, string][] = [
    [PLAN_TASK_COLUMNS.code.header, 'Bắt buộc; không trùng trong tệp và trong kế hoạch (ví dụ 1, 2.3).'],
    [PLAN_TASK_COLUMNS.title.header, 'Bắt buộc.'],
    [PLAN_TASK_COLUMNS.area.header, 'Bắt buộc: số từ 1 đến 8 hoặc tên lĩnh vực (xem dưới).'],
    [PLAN_TASK_COLUMNS.output.header, 'Sản phẩm dự kiến (không bắt buộc).'],
    [PLAN_TASK_COLUMNS.deadline.header, `Bắt buộc: ngày trong năm ${year}, dạng dd/mm/yyyy hoặc ô ngày của Excel.`],
    [PLAN_TASK_COLUMNS.leadUnit.header, 'Tên đơn vị của kế hoạch; để trống cũng được.'],
    [PLAN_TASK_COLUMNS.cooperatingUnits.header, 'Tên đầy đủ các đơn vị, cách nhau bằng dấu chấm phẩy (;).'],
    [PLAN_TASK_COLUMNS.criterionCode.header, 'Mã tiêu chí thành phần của Chỉ số CCHC mà nhiệm vụ phục vụ (không bắt buộc), ví dụ 1.1.2.'],
    ...PAR_AREAS.map((area): [string, string] => [`Lĩnh vực ${area}`, PAR_AREA_NAMES[area]]),
  ];
  for (const [column, how] of rows) help.addRow({ column, how }).commit();
  help.commit();
  await workbook.commit();
}

interface ExportedTask {
  code: string;
  title: string;
  area: number;
  output: string | null;
  deadline: string;
  lead_unit: string;
  cooperating: string[];
  criterion_code: string | null;
  status: TaskStatus;
  progress: number;
  completed_on: string | null;
  city_assigned: boolean;
}

/**
 * A unit's PAR plan tasks of a year in the template's columns (so the file imports back), then their status, progress,
 * completion date and whether the city assigned them (which the import ignores). FORBIDDEN unless the caller may read
 * the unit's plans; the tasks are those the caller may read, in SQL. Two statements.
 */
export async function exportPlanTasks(ctx: AppContext, res: Response, year: number, unitId: number): Promise<void> {
  const actor = requireUser(ctx);
  const unit = await planUnit(ctx.em, actor, year, unitId);
  authorize(actor, 'read', 'AnnualPlan', { unit: unitId, year });
  const permitted = permissionSql(actor.ability, 'read', 'PlanTask', monitoringColumns('t'));
  const q = new SqlBuilder();
  const tasks = permitted
    ? await ctx.em.getConnection().execute<ExportedTask[]>(
        `select t.code, t.title, t.area, t.output, to_char(t.deadline, 'YYYY-MM-DD') as deadline, u.name as lead_unit,
                array(select cu.name from plan_task_cooperating_unit c join unit cu on cu.id = c.unit_id
                       where c.task_id = t.id order by cu.block, cu.code) as cooperating,
                cr.code as criterion_code, t.status, t.progress, to_char(t.completed_on, 'YYYY-MM-DD') as completed_on, t.city_assigned
           from plan_task t
           join annual_plan p on p.id = t.plan_id and p.kind = '${PlanKind.PAR}'
           join unit u on u.id = t.unit_id
           left join criterion cr on cr.id = t.criterion_id
          where ${q.splice(permitted)} and t.year = ${q.bind(year)} and t.unit_id = ${q.bind(unitId)}
          order by t.id`,
        q.params,
      )
    : [];
  const workbook = streamWorkbook(res, `ke-hoach-cchc-${year}-${asciiFileName(unit.name).replace(/\s+/g, '-')}.xlsx`);
  const sheet = addSheet(workbook, 'Nhiệm vụ', [
    ...TASK_SHEET_COLUMNS,
    { header: 'Trạng thái', key: 'status', width: 16 },
    { header: 'Tiến độ (%)', key: 'progress', width: 10 },
    { header: 'Ngày hoàn thành', key: 'completedOn', width: 14, date: true },
    { header: 'Thành phố giao', key: 'cityAssigned', width: 12 },
  ]);
  for (const task of tasks) {
    sheet
      .addRow({
        code: task.code,
        title: task.title,
        area: areaLabel(task.area),
        output: task.output,
        deadline: excelDate(task.deadline),
        leadUnit: task.lead_unit,
        cooperatingUnits: joinNames(task.cooperating),
        criterionCode: task.criterion_code,
        status: STATUS_LABEL[task.status],
        progress: task.progress,
        completedOn: excelDate(task.completed_on),
        cityAssigned: task.city_assigned ? 'x' : '',
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * The city-level consolidated report of a period (secretariat, analysts): each number field of the template summed
 * over the units whose report is submitted or accepted, then the active units still missing. Three statements.
 */
export async function exportConsolidation(ctx: AppContext, res: Response, periodId: number): Promise<void> {
  const sums = await consolidation(ctx, periodId);
  const period = await readablePeriod(ctx, periodId);
  const q = new SqlBuilder();
  const missing = await ctx.em
    .getConnection()
    .execute<{ code: string; name: string; block: string }[]>(
      `select u.code, u.name, u.block from unit u where u.id = any(${q.ints(sums.missingUnitIds)}) order by u.block, u.code`,
      q.params,
    );
  const title = `Báo cáo CCHC ${REPORT_KIND_LABEL[period.kind]} năm ${period.year}`;
  const workbook = streamWorkbook(res, `tong-hop-bao-cao-cchc-${period.year}-${period.kind}.xlsx`);
  const totals = addSheet(workbook, 'Tổng hợp', [
    { header: 'Lĩnh vực', key: 'area', width: 10 },
    { header: 'Mã chỉ tiêu', key: 'key', width: 22 },
    { header: 'Chỉ tiêu', key: 'label', width: 60 },
    { header: 'Tổng cộng', key: 'total', width: 16 },
  ]);
  for (const field of sums.totals) totals.addRow({ area: field.area, key: field.key, label: field.label, total: field.total }).commit();
  totals.addRow({}).commit();
  totals.addRow({ label: title }).commit();
  totals.addRow({ label: `Hạn nộp: ${period.deadline.split('-').reverse().join('/')}` }).commit();
  totals.addRow({ label: 'Số đơn vị đã gửi báo cáo', total: sums.submitted }).commit();
  totals.addRow({ label: 'Số đơn vị chưa gửi báo cáo', total: missing.length }).commit();
  totals.commit();
  const absent = addSheet(workbook, 'Đơn vị chưa gửi', [
    { header: 'Mã đơn vị', key: 'code', width: 14 },
    { header: 'Tên đơn vị', key: 'name', width: 50 },
    { header: 'Khối', key: 'block', width: 16 },
  ]);
  const BLOCK: Record<string, string> = { DEPARTMENT: 'Sở, ban, ngành', DISTRICT: 'Quận, huyện, thị xã', COMMUNE: 'Xã, phường' };
  for (const unit of missing) absent.addRow({ code: unit.code, name: unit.name, block: BLOCK[unit.block] ?? unit.block }).commit();
  absent.commit();
  await workbook.commit();
}
