import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * Answers per month as a line. The picture is one image to assistive technology; the numbers are
 * in the table the page shows beside it.
 */
export function TrendChart({ label, months, values }: { label: string; months: string[]; values: number[] }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        aria: { enabled: false },
        animation: false,
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: months, axisLabel: { color: '#212529' } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#495057' } },
        series: [{ type: 'line', data: values, itemStyle: { color: '#1c7ed6' }, connectNulls: false }],
      },
      { notMerge: true },
    );
  }, [months, values]);

  return <div ref={element} role="img" aria-label={label} style={{ height: 240 }} />;
}
