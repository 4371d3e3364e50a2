import { VisuallyHidden } from '@mantine/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

// Only the parts drawn here, so the page's chunk stays small; SVG keeps the bars sharp at any zoom.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

interface StackedBarChartProps {
  /** What the chart shows, said to screen readers in place of the picture. */
  label: string;
  /** The heading of the first column of the fallback table (what a category is). */
  categoryLabel: string;
  categories: string[];
  series: BarSeries[];
}

const ROW_HEIGHT = 36;
/** Names take at most this share of the width, so a phone still has room for the bars. */
const LABEL_SHARE = 0.4;
const LABEL_MAX_PX = 220;

/**
 * Horizontal stacked bars, one per category (long Russian names fit on the left). The picture is
 * one image to assistive technology, which reads the same numbers from the table beside it.
 */
export function StackedBarChart({ label, categoryLabel, categories, series }: StackedBarChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      instance.resize();
      setWidth(instance.getWidth());
    });
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
        grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
        legend: { top: 0, left: 0, itemGap: 20, textStyle: { color: '#212529', fontSize: 14 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#495057' } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: categories,
          axisLabel: {
            color: '#212529',
            fontSize: 13,
            width: Math.min(LABEL_MAX_PX, Math.round(width * LABEL_SHARE)),
            overflow: 'truncate',
          },
        },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          stack: 'total',
          barMaxWidth: 24,
          itemStyle: { color: s.color },
          data: s.values,
        })),
      },
      { notMerge: true },
    );
  }, [categories, series, width]);

  return (
    <figure style={{ margin: 0 }}>
      <div
        ref={element}
        role="img"
        aria-label={label}
        style={{ height: 56 + ROW_HEIGHT * categories.length }}
      />
      <VisuallyHidden>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, row) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.name}>{s.values[row]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}
