/**
 * Bar charts rendered on the server to SVG with Apache ECharts (`renderer: 'svg', ssr: true`), so
 * they show without JavaScript (issue 7 §1). Colours are the Okabe–Ito palette, distinguishable
 * with the common colour-vision deficiencies, and each series also gets a decal pattern (ECharts
 * `aria.decal`) so colour is never the only cue. The page puts a data table beside every chart.
 *
 * The SVG is made safe for our Content-Security-Policy (`style-src 'self'`): ECharts' inline
 * `style="…"` attributes become SVG presentation attributes, and its `<style>` element (hover
 * rules only, useless without script) is dropped.
 */
import * as echarts from 'echarts';

/** Okabe & Ito (2008), "Color Universal Design": safe for protanopia, deuteranopia and tritanopia. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** One series of a bar chart. */
export interface ChartSeries {
  name: string;
  values: number[];
}

/** What a bar chart shows. */
export interface BarChartSpec {
  /** The accessible name of the chart (also its `aria-label`). */
  label: string;
  categories: string[];
  series: ChartSeries[];
  stacked?: boolean;
  /** Bars along the y axis (for long category names). */
  horizontal?: boolean;
  width?: number;
  height?: number;
}

const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity', 'fill-opacity', 'stroke-opacity', 'stroke-width', 'text-anchor', 'dominant-baseline']);

function escAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rewrites inline styles as presentation attributes and drops `<style>` (see the module comment). */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((decl) => decl.split(':').map((x) => x.trim()))
        .filter(([k, v]) => k !== undefined && v !== undefined && PRESENTATION.has(k))
        .map(([k, v]) => ` ${k}="${escAttr(v ?? '')}"`)
        .join(''),
    );
}

/** Renders a bar chart to an SVG string with `role="img"` and an `aria-label`. */
export function barChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const category = { type: 'category' as const, data: spec.categories, axisLabel: { interval: 0, fontSize: 11 } };
    const value = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      animation: false,
      color: [...PALETTE],
      aria: { enabled: true, label: { enabled: false }, decal: { show: spec.series.length > 1 } },
      textStyle: { fontFamily: 'sans-serif' },
      grid: { left: spec.horizontal ? 160 : 48, right: 24, top: spec.series.length > 1 ? 40 : 16, bottom: 48, containLabel: false },
      legend: spec.series.length > 1 ? { top: 4, itemWidth: 18, itemHeight: 12 } : { show: false },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? { ...category, inverse: true } : value,
      series: spec.series.map((s) => ({ name: s.name, type: 'bar', data: s.values, emphasis: { disabled: true }, ...(spec.stacked ? { stack: 'all' } : {}) })),
    });
    const svg = cspSafeSvg(chart.renderToSVGString());
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${escAttr(spec.label)}" focusable="false" `);
  } finally {
    chart.dispose();
  }
}
