/**
 * uPlot options for the two stats charts: focus minutes per day, and arrivals per week.
 *
 * Both charts put the row index on the x axis (not a time scale): the engine already gives one
 * row per local day and per week, and an index scale keeps a 23- or 25-hour daylight-saving day
 * from drawing a thinner or wider bar. Colours come in as a palette read from CSS variables at
 * draw time (`readPalette`), so the same builder serves the light and the dark theme, and a chart
 * redrawn after the theme changed takes the new colours. uPlot's bar path builder comes in too:
 * importing uPlot itself reads the screen's pixel ratio, so these builders stay free of the DOM
 * and testable as plain functions.
 */

import type uPlot from "uplot";
import { t } from "./i18n";
import { dayLabel, type DayRow, type WeekRow } from "./stats";

export type Palette = {
  text: string;
  grid: string;
  focus: string;
  held: string;
  brokeThrough: string;
  delivered: string;
};

/**
 * The CSS variable each colour is read from (app.css defines them for the light and the dark
 * theme), and the light theme's value, used only where a variable is missing.
 */
export const PALETTE_VARIABLES: { readonly [K in keyof Palette]: readonly [variable: string, fallback: string] } = {
  text: ["--chart-text", "#5a6068"],
  grid: ["--chart-grid", "#dedbd4"],
  focus: ["--chart-focus", "#2f6f6a"],
  held: ["--chart-held", "#8a6d1f"],
  brokeThrough: ["--chart-broke-through", "#a3312a"],
  delivered: ["--chart-delivered", "#4d64a8"],
};

/** The palette as the theme has it now: read at draw time from the chart's computed style. */
export function readPalette(style: Pick<CSSStyleDeclaration, "getPropertyValue">): Palette {
  const read = ([variable, fallback]: readonly [string, string]): string =>
    style.getPropertyValue(variable).trim() || fallback;
  return {
    text: read(PALETTE_VARIABLES.text),
    grid: read(PALETTE_VARIABLES.grid),
    focus: read(PALETTE_VARIABLES.focus),
    held: read(PALETTE_VARIABLES.held),
    brokeThrough: read(PALETTE_VARIABLES.brokeThrough),
    delivered: read(PALETTE_VARIABLES.delivered),
  };
}

export type ChartSpec = { options: uPlot.Options; data: uPlot.AlignedData };

/** What a chart is built for: the theme's colours, the space it has, and uPlot's bar builder. */
export type ChartFrame = {
  palette: Palette;
  width: number;
  height: number;
  bars?: uPlot.Series.BarsPathBuilderFactory | undefined;
  /** The axes' text size in CSS pixels (`chartTextPx`); 12, as at a 16 px root font, if not given. */
  textPx?: number | undefined;
};

/** The axes' text is 0.75rem, as the page's small print is, so it grows with the user's font. */
const TEXT_REM = 0.75;
const BASE_REM_PX = 16;

/**
 * The axes' text size for a root font of `remPx` (what the chart reads from the page), in whole
 * pixels: uPlot scales a font's size for the screen only when it is a whole number of pixels. The
 * base size when the root font is unknown or absurd.
 */
export function chartTextPx(remPx: number): number {
  const rem = Number.isFinite(remPx) && remPx >= 4 && remPx <= 200 ? remPx : BASE_REM_PX;
  return Math.round(TEXT_REM * rem);
}

// i18n: not words, CSS fonts for the canvas.
const fontsOf = (px: number): { font: string; labelFont: string } => ({
  font: `${px}px system-ui, sans-serif`,
  labelFont: `600 ${px}px system-ui, sans-serif`,
});

/** Below this plot width the day axis labels every other Monday, so "Mon 3 Nov" never overlaps. */
const NARROW_PX = 640;

// uPlot declares these as const enums, which isolated modules cannot read; the values are its API.
const SCALE_VALUE = 1 as uPlot.Series.BarsPathBuilderFacetUnit;

function axis(frame: ChartFrame, label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  const { palette } = frame;
  return {
    label,
    stroke: palette.text,
    ...fontsOf(frame.textPx ?? chartTextPx(BASE_REM_PX)),
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
    ...extra,
  };
}

/** A y range that starts at zero and leaves headroom, with a floor so an idle period is not all bar. */
function zeroBased(floor: number): uPlot.Range.Function {
  return (_u, _min, max) => [0, Math.max(floor, Math.ceil((max * 1.1) / 5) * 5)];
}

const indexSplits = (rows: readonly unknown[]): number[] => rows.map((_, i) => i);

export function focusChart(days: readonly DayRow[], frame: ChartFrame): ChartSpec {
  const { palette, width, height } = frame;
  const bars = frame.bars?.({ size: [0.7, 28], radius: 0.15 });
  const mondays = days.flatMap((day, i) => (day.weekStart ? [i] : []));
  return {
    data: [indexSplits(days), days.map((d) => d.minutes)],
    options: {
      width,
      height,
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { show: true },
      scales: {
        x: { time: false, range: [-0.5, Math.max(days.length, 1) - 0.5] },
        y: { range: zeroBased(30) },
      },
      axes: [
        axis(frame, t("stats.focus.axis.day"), {
          grid: { show: false },
          splits: (u) => (u.width < NARROW_PX ? mondays.filter((_, k) => k % 2 === 0) : mondays),
          values: (_u, splits) => splits.map((i) => days[i]?.label ?? ""),
        }),
        axis(frame, t("stats.focus.axis.minutes"), {
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : "")),
        }),
      ],
      series: [
        { label: t("stats.focus.series.day"), value: (_u, i) => (i === null ? "–" : (days[i]?.label ?? "–")) },
        {
          label: t("stats.focus.series.focus"),
          stroke: palette.focus,
          fill: palette.focus,
          width: 0,
          points: { show: false },
          ...(bars ? { paths: bars } : {}),
          value: (_u, v) => (v === null ? "–" : t("app.length.minutes", { minutes: v })),
        },
      ],
    },
  };
}

/** Grouped bars: for each week, held, broke through and delivered side by side. */
export function arrivalsChart(weeks: readonly WeekRow[], frame: ChartFrame): ChartSpec {
  const { palette, width, height } = frame;
  const groups: { label: string; color: string; pick: (w: WeekRow) => number }[] = [
    { label: t("stats.arrivals.series.held"), color: palette.held, pick: (w) => w.held },
    { label: t("stats.arrivals.series.brokeThrough"), color: palette.brokeThrough, pick: (w) => w.brokeThrough },
    { label: t("stats.arrivals.series.delivered"), color: palette.delivered, pick: (w) => w.delivered },
  ];
  // Three bars share 0.8 of a week's slot; each starts at its own offset from the week's centre.
  const slot = 0.8 / groups.length;
  const barsAt = (k: number): uPlot.Series.PathBuilder | undefined =>
    frame.bars?.({
      disp: {
        x0: { unit: SCALE_VALUE, values: (u) => (u.data[0] as number[]).map((i) => i - 0.4 + k * slot) },
        size: { unit: SCALE_VALUE, values: () => [slot * 0.9] },
      },
    });
  return {
    data: [indexSplits(weeks), ...groups.map((g) => weeks.map(g.pick))],
    options: {
      width,
      height,
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { show: true },
      scales: {
        x: { time: false, range: [-0.5, Math.max(weeks.length, 1) - 0.5] },
        y: { range: zeroBased(10) },
      },
      axes: [
        axis(frame, t("stats.arrivals.axis.week"), {
          grid: { show: false },
          splits: () => indexSplits(weeks),
          values: (u, splits) =>
            splits.map((i, k) => (u.width < NARROW_PX && k % 2 === 1 ? "" : dayLabel(weeks[i]?.start ?? ""))),
        }),
        axis(frame, t("stats.arrivals.axis.messages"), {
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : "")),
        }),
      ],
      series: [
        { label: t("stats.arrivals.series.week"), value: (_u, i) => (i === null ? "–" : (weeks[i]?.label ?? "–")) },
        ...groups.map((g, k): uPlot.Series => {
          const bars = barsAt(k);
          return {
            label: g.label,
            stroke: g.color,
            fill: g.color,
            width: 0,
            points: { show: false },
            ...(bars ? { paths: bars } : {}),
            value: (_u, v) => (v === null ? "–" : String(v)),
          };
        }),
      ],
    },
  };
}
