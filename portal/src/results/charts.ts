// ECharts, tree-shaken to what the dashboard draws (bars and a radar), rendered on canvas.
import { use } from 'echarts/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

import { formatPoints } from '../shared/format';

export { default as VChart } from 'vue-echarts';

/** Chart numbers in the reader's format ("95,98"): value axes' labels and tooltips. */
export const numberLabels = { formatter: (value: number) => formatPoints(value) };
export const numberTooltip = { valueFormatter: (value: unknown) => (typeof value === 'number' ? formatPoints(value) : '–') };

/** A decimal string as a chart value (charts are approximate; tables show the exact text). */
export const chartValue = (value: string | null | undefined): number | null => (value == null ? null : Number(value));

export const GROUP_COLOURS: Record<string, string> = { A: '#067647', B: '#0b4ea2', C: '#b54708' };
