// The spinnenweb of Positieve Gezondheid: the latest conversation, with the previous one dashed beside it.
import type { ComposeOption } from 'echarts/core';
import type { RadarSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { Conversation } from '../../api/types';
import { formatDate } from '../../components/ui';
import { useEChart } from '../../components/useEChart';
import { dimensionLabels, dimensions, scoreSummary } from './conversationLabels';

const COLOURS = { latest: '#1f5fa8', previous: '#b35c00' };

type RadarOption = ComposeOption<RadarSeriesOption | LegendComponentOption | TooltipComponentOption>;

/** ECharts is loaded on demand (core, radar, legend, tooltip, SVG renderer), so other pages stay small. */
async function loadECharts() {
  // Destructured one by one, so the bundler keeps only these parts of each entry point.
  const { use, init } = await import('echarts/core');
  const { RadarChart } = await import('echarts/charts');
  const { LegendComponent, TooltipComponent } = await import('echarts/components');
  const { SVGRenderer } = await import('echarts/renderers');
  use([RadarChart, LegendComponent, TooltipComponent, SVGRenderer]);
  return { init };
}

export function ConversationRadar({ latest, previous }: { latest: Conversation; previous: Conversation | undefined }) {
  const ref = useEChart(
    loadECharts,
    (): RadarOption => {
      const series = [previous, latest].filter((c): c is Conversation => c !== undefined);
      return {
        legend: { bottom: 0, data: series.map((c) => `Gesprek ${formatDate(c.heldOn)}`) },
        tooltip: { trigger: 'item' },
        radar: {
          indicator: dimensions.map((d) => ({ name: dimensionLabels[d], min: 0, max: 10 })),
          splitNumber: 5,
          // Clockwise from the top, as on the printed report.
          clockwise: true,
          radius: '62%',
          axisName: { color: '#1a1a1a', fontSize: 13 },
        },
        series: [
          {
            type: 'radar',
            data: series.map((c) => {
              const isLatest = c === latest;
              const colour = isLatest ? COLOURS.latest : COLOURS.previous;
              return {
                name: `Gesprek ${formatDate(c.heldOn)}`,
                value: dimensions.map((d) => c.scores[d].score),
                itemStyle: { color: colour },
                // Told by line style as well as colour: the previous conversation is dashed.
                lineStyle: { color: colour, width: isLatest ? 3 : 2, type: isLatest ? 'solid' : 'dashed' },
                areaStyle: isLatest ? { color: colour, opacity: 0.2 } : { opacity: 0 },
              };
            }),
          },
        ],
      };
    },
    [latest, previous],
  );
  const label = `Spinnenweb Positieve Gezondheid. Gesprek van ${formatDate(latest.heldOn)}: ${scoreSummary(latest)}.${
    previous ? ` Vorig gesprek van ${formatDate(previous.heldOn)}: ${scoreSummary(previous)}.` : ' Er is geen eerder gesprek.'
  }`;
  return (
    <div role="img" aria-label={label} style={{ maxWidth: '40rem' }}>
      <div ref={ref} style={{ width: '100%', height: '24rem' }} />
    </div>
  );
}
