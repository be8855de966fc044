import type { FitSpec, LandscapeResult, LandscapeVariant } from '../result.js';
import type { LandscapeSpec } from '../spec.js';
import type { ExperimentPlanner, LandscapeUnitSpec } from '../units.js';
import { tableOptions } from './train.js';

/** The three networks whose loss surfaces the landscape experiment slices, in chart order. */
export const LANDSCAPE_VARIANTS = [
  { label: 'shallow', deep: false, residual: false },
  { label: 'deep plain', deep: true, residual: false },
  { label: 'deep residual', deep: true, residual: true },
] as const;

function variantUnit(spec: LandscapeSpec, variant: (typeof LANDSCAPE_VARIANTS)[number]): LandscapeUnitSpec {
  const fit: FitSpec = {
    dataset: spec.dataset,
    points: spec.points,
    noise: spec.noise,
    dataSeed: spec.seed,
    // The same seed for all three, so their differences come from the architecture alone.
    seed: spec.seed,
    depth: variant.deep ? spec.depth : 1,
    width: spec.width,
    activation: spec.activation,
    init: spec.init,
    residual: variant.residual,
    normalization: 'none',
    loss: 'cross-entropy',
    optimizer: spec.optimizer,
    learningRate: spec.learningRate,
    steps: spec.steps,
    gridSize: 0,
    ...tableOptions(spec),
  };
  return { label: variant.label, fit, slicePoints: spec.slicePoints, span: spec.span };
}

/** `landscape`: shallow, deep plain and deep residual networks, one unit each. */
export const landscapePlanner: ExperimentPlanner<LandscapeSpec, LandscapeResult> = {
  plan: (spec) =>
    LANDSCAPE_VARIANTS.map((variant) => ({ kind: 'landscape', spec: variantUnit(spec, variant) })),
  labels: () => LANDSCAPE_VARIANTS.map((variant) => `${variant.label} net`),
  assemble: (_spec, results) => {
    const variants = results.filter((r): r is LandscapeVariant => 'direction' in r);
    if (variants.length !== LANDSCAPE_VARIANTS.length) {
      throw new Error(`the landscape experiment expects ${LANDSCAPE_VARIANTS.length} variant results`);
    }
    return { variants };
  },
};
