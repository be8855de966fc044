import type { LandscapeResult, LandscapeVariant, Slice } from '../../../engine/result.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatValue, joinWords } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, seriesColor } from '../style.js';
import { axis, baseOptions, lineDataset } from './common.js';
import { type LogScale, logScale } from './log-scale.js';

/*
 * 1-D slices of the loss surface (Goodfellow et al. 2015 for the init→final line, Li et al. 2018
 * for the random filter-normalized direction). Log y, because bumps near a minimum of 0.02 vanish
 * on a linear axis next to a loss of 2 far away. Black stars mark the trained weights.
 */

type Which = 'line' | 'direction';

const TEXT: Record<Which, { name: string; title: string; axis: string; at: number; subtitle: string }> = {
  line: {
    name: 'landscape-line',
    title: 'Loss on the line from initial to trained weights',
    axis: 'α (0 = initial weights, 1 = trained weights)',
    at: 1,
    subtitle: 'a smooth dip = easy path; a plateau or bump = hard one',
  },
  direction: {
    name: 'landscape-direction',
    title: 'Loss around the trained weights',
    axis: 'step along a random filter-normalized direction',
    at: 0,
    subtitle: 'along one random direction · a clean bowl = one minimum; wiggles = a rough surface',
  },
};

function slicePoints(slice: Slice, scale: LogScale): XY[] {
  return slice.positions.map((x, i) => ({ x, y: scale.y(slice.losses[i] ?? Number.NaN) }));
}

/** The slice point closest to `position` (where the trained weights sit). */
function pointNear(slice: Slice, position: number, scale: LogScale): XY | undefined {
  let best: XY | undefined;
  slice.positions.forEach((x, i) => {
    const y = scale.y(slice.losses[i] ?? Number.NaN);
    if (y !== null && (best === undefined || Math.abs(x - position) < Math.abs(best.x - position)))
      best = { x, y };
  });
  return best;
}

function variantWords(variant: LandscapeVariant, which: Which): string {
  const slice = variant[which];
  const finite = slice.losses.filter(Number.isFinite);
  const range = `from ${formatValue(Math.min(...finite))} to ${formatValue(Math.max(...finite))}`;
  const shape =
    which === 'direction'
      ? `, ${variant.extraMinima} extra local minim${variant.extraMinima === 1 ? 'um' : 'a'}, roughness ${formatValue(variant.roughness)}`
      : '';
  return `${variant.label} ranges ${range}${shape}`;
}

/**
 * A slice whose highest and lowest losses are within this fraction of each other is flat: "0
 * extra minima" would then read as a clean bowl, when the net sits on a plateau (a stalled
 * sigmoid net at ln 2 in every direction).
 */
export const FLAT_SLICE = 0.05;

/** True when a slice's finite losses vary by less than FLAT_SLICE of the largest. */
export function isFlat(slice: Slice): boolean {
  const finite = slice.losses.filter(Number.isFinite);
  if (finite.length === 0) return false;
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  return high - low <= FLAT_SLICE * high;
}

/** A variant's legend entry: its name and, for the random direction, its shape. */
function legendLabel(variant: LandscapeVariant, which: Which): string {
  if (isFlat(variant[which])) return `${variant.label}: flat (a plateau)`;
  return which === 'direction' ? `${variant.label}: ${variant.extraMinima} extra minima` : variant.label;
}

/** One slice chart: a line per variant and a star on each trained-weights point. */
export function landscapeChart(result: LandscapeResult, which: Which): ChartDraft {
  const text = TEXT[which];
  const scale = logScale(
    'training loss',
    result.variants.flatMap((v) => v[which].losses),
  );
  const datasets = result.variants.map((variant, i) => {
    return lineDataset(
      legendLabel(variant, which),
      slicePoints(variant[which], scale),
      seriesColor(i),
      LINE_WIDTH.main,
      scale.dataset,
    );
  });
  const stars = result.variants
    .map((v) => pointNear(v[which], text.at, scale))
    .filter((p): p is XY => p !== undefined);
  datasets.unshift({
    type: 'scatter',
    label: 'trained weights',
    data: stars,
    backgroundColor: OKABE_ITO.black,
    borderColor: OKABE_ITO.black,
    pointStyle: 'star',
    pointRadius: 10,
    borderWidth: 3,
    showLine: false,
    // A star at the lowest loss sits at the bottom of the plot: draw it whole, not cut by the axis.
    clip: false,
    ...scale.dataset,
  });
  const positions = result.variants.flatMap((v) => v[which].positions);
  return {
    name: text.name,
    alt: `${text.title}. ${joinWords(result.variants.map((v) => variantWords(v, which)))}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(text.title, text.subtitle, {
        x: axis('linear', text.axis, {
          min: Math.min(...positions),
          max: Math.max(...positions),
          ticks: { includeBounds: false },
        }),
        ...scale.scales,
      }),
    },
  };
}
