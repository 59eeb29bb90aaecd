import type { ECharts, EChartsCoreOption, init } from 'echarts/core';
import { useEffect, useRef, type DependencyList } from 'react';

type Init = typeof init;

/**
 * Draws an ECharts chart (SVG) in the returned div: loads the chart's parts on demand through
 * `load` (each chart names only what it uses, so other pages stay small), sets the option from
 * `build`, follows window resizes, honours prefers-reduced-motion, and disposes on change/unmount.
 */
export function useEChart(load: () => Promise<{ init: Init }>, build: () => EChartsCoreOption, deps: DependencyList) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: ECharts | undefined;
    let cancelled = false;
    const resize = () => chart?.resize();
    void load().then(({ init }) => {
      if (cancelled || !ref.current) return;
      chart = init(ref.current, undefined, { renderer: 'svg' });
      chart.setOption({ animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches, ...build() });
      window.addEventListener('resize', resize);
    });
    return () => {
      cancelled = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
    // The caller names what the chart depends on; load and build are read at that moment.
  }, deps);
  return ref;
}
