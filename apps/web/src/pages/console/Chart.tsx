import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

// Only the pieces the console draws (tree-shaken), in the signing page's own
// chunk: the judge's and applicant's bundles never include ECharts.
echarts.use([BarChart, FunnelChart, GridComponent, TooltipComponent, CanvasRenderer]);

/**
 * A thin ECharts wrapper. `data` is what the chart shows, also written to
 * `data-chart` so a reader (or a test) can check the numbers without pixels.
 */
export function Chart({
  option,
  data,
  label,
  testId,
}: {
  option: EChartsCoreOption;
  data: unknown;
  label: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current!;
    chart.current = echarts.init(el);
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-chart={JSON.stringify(data)}
    />
  );
}
