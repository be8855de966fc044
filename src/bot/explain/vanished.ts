import type { FitSpec, RunResult } from '../../engine/result.js';
import { atNoLearning } from '../no-learning.js';
import { gradientsAtInit, ratiosOverTraining } from './evidence.js';
import { gradientHealth } from './format.js';

/*
 * How long a vanished first-layer gradient lasted, read from the gradient snapshots over training,
 * and what the tutor may say about the first layers because of it: "barely learn" only when the
 * snapshots show it lasting, "at first" only when they do not.
 */

/**
 * A first-layer gradient norm above this still moves the layer, whatever the ratio says. Measured
 * on default /train runs (moons, 3 seeds): first layers that learn start at 0.028–0.45 (sigmoid
 * depth 1 and 2, relu + He + Adam at depth 5); sigmoid depth 3, which barely learns (final loss
 * 0.683–0.689), stays around 0.007–0.011; depth 4 and deeper stay below 2e-3 all along.
 */
export const MOVING_FIRST_LAYER = 0.01;

/**
 * How long a vanished first-layer gradient lasts, as far as the snapshots show: 'ratio' when the
 * first/last ratio stays vanished at every one; 'own-size' when the ratio rises later only because
 * the last layer's gradient falls too, while the first layer's own gradient stays too small to move
 * it and the net learns nothing; 'start' when only step 0 shows it.
 */
type VanishedSpan = 'ratio' | 'own-size' | 'start';

/** The ratio stayed vanished at every snapshot, and more than step 0 was measured. */
function ratioVanishedThroughout(run: RunResult): boolean {
  const ratios = ratiosOverTraining(run);
  return ratios.length > 1 && ratios.every((r) => gradientHealth(r) === 'vanished');
}

/**
 * At every snapshot (more than step 0) the first layer's own gradient stayed below
 * MOVING_FIRST_LAYER and below a hundredth of the last layer's at the start (so any rise of the
 * ratio came from the last layer's gradient falling), and the final loss sits at the no-learning
 * level.
 */
function firstLayerStuck(run: RunResult, loss: FitSpec['loss']): boolean {
  const lastAtInit = gradientsAtInit(run).at(-1);
  const firsts = run.gradientNorms.map(({ perLayer }) => perLayer[0] ?? Number.NaN);
  if (firsts.length < 2 || !lastAtInit) return false;
  const small = (norm: number) =>
    norm < MOVING_FIRST_LAYER && gradientHealth(norm / lastAtInit) === 'vanished';
  return firsts.every(small) && atNoLearning(run.finalLoss, loss);
}

/**
 * The span every run shows. Under Adam, which divides each step by the gradient's own running size,
 * a small gradient still moves the layer, so only the ratio's span counts there.
 */
function vanishedSpan(runs: readonly RunResult[], spec: Pick<FitSpec, 'optimizer' | 'loss'>): VanishedSpan {
  if (runs.every(ratioVanishedThroughout)) return 'ratio';
  if (spec.optimizer !== 'adam' && runs.every((run) => firstLayerStuck(run, spec.loss))) return 'own-size';
  return 'start';
}

/**
 * What a vanished first-layer gradient means for those layers. "Barely learn" needs the gradient to
 * stay vanished over training and steps proportional to the gradient (not Adam, which rescales
 * them); otherwise only what step 0 shows is said.
 */
function vanishedConsequence(span: VanishedSpan, optimizer: FitSpec['optimizer'], layers: string): string {
  if (optimizer === 'adam') {
    const when = span === 'ratio' ? 'at any step measured' : 'at first';
    return `almost no gradient reaches ${layers} ${when}`;
  }
  return span === 'start' ? `${layers} get almost no update at first` : `${layers} barely learn`;
}

/** What the first layer's own gradient did over the 'own-size' span: the evidence for "barely learn". */
const STUCK_FIRST_LAYER = `stays below ${MOVING_FIRST_LAYER} at every step measured, and any later rise of the ratio comes only from the last layer's gradient falling too`;

/** Each span's evidence, worded for a sentence on one depth (train) or on a sweep's deepest depth. */
const SPAN_EVIDENCE: Record<'train' | 'sweep', Record<VanishedSpan, string>> = {
  train: {
    ratio: ', and below a hundredth of it at every step measured during training',
    'own-size': `; its own gradient ${STUCK_FIRST_LAYER}`,
    start: '',
  },
  sweep: {
    ratio: ', and stays below a hundredth at every step measured during training',
    'own-size': `; there the first layer's own gradient ${STUCK_FIRST_LAYER}`,
    start: '',
  },
};

const VANISHED_LAYERS = { train: 'the layers next to the input', sweep: 'the first layers of the deep nets' };

/**
 * The end of a sentence on a vanished first-layer gradient: how long it lasted, as measured, and
 * what that means for the first layers, e.g. "…: the layers next to the input barely learn
 * (vanishing gradients)."
 */
export function vanishedEnding(
  runs: readonly RunResult[],
  spec: Pick<FitSpec, 'optimizer' | 'loss'>,
  about: 'train' | 'sweep',
): string {
  const span = vanishedSpan(runs, spec);
  const consequence = vanishedConsequence(span, spec.optimizer, VANISHED_LAYERS[about]);
  return `${SPAN_EVIDENCE[about][span]}: ${consequence} (vanishing gradients).`;
}
