import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEChart } from '../../components/useEChart';
import { shortMonth, unitLabels } from './insightsApi';
import type { KpiPanel, ScopeSeries } from '../../api/types';

type LineOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** ECharts is loaded on demand (core, line, grid, legend, tooltip, SVG renderer). */
async function loadECharts() {
  const { use, init } = await import('echarts/core');
  const { LineChart } = await import('echarts/charts');
  const { GridComponent, LegendComponent, TooltipComponent } = await import('echarts/components');
  const { SVGRenderer } = await import('echarts/renderers');
  use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
  return { init };
}

/** A 12-month trend with its target line; the data table below it is the text alternative. */
export function KpiChart({ panel, series, months }: { panel: KpiPanel; series: ScopeSeries; months: string[] }) {
  const ref = useEChart(
    loadECharts,
    (): LineOption => {
      const hasTarget = series.points.some((p) => p.target !== null);
      return {
        grid: { left: 56, right: 16, top: 28, bottom: 48 },
        legend: { bottom: 0, data: [series.name, ...(hasTarget ? ['Norm'] : [])] },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: months.map(shortMonth) },
        yAxis: { type: 'value', name: unitLabels[panel.unit] },
        series: [
          { type: 'line', name: series.name, data: series.points.map((p) => p.value), itemStyle: { color: '#1f5fa8' }, lineStyle: { width: 3 }, connectNulls: false },
          ...(hasTarget ? [{ type: 'line' as const, name: 'Norm', data: series.points.map((p) => p.target), itemStyle: { color: '#8a5300' }, lineStyle: { type: 'dashed' as const, width: 2 }, symbol: 'none' }] : []),
        ],
      };
    },
    [panel, series, months],
  );
  return <div ref={ref} aria-hidden="true" style={{ width: '100%', maxWidth: '44rem', height: '16rem' }} />;
}
