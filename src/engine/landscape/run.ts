import * as tf from '@tensorflow/tfjs-core';
import { abortError, type TrainedModel, trainRun } from '../fit.js';
import { createRandom, STREAM } from '../random.js';
import type { LandscapeVariant, Slice } from '../result.js';
import type { LandscapeUnitSpec, UnitRunOptions } from '../units.js';
import {
  countExtraMinima,
  evenlySpaced,
  filterNormalize,
  gaussianDirection,
  interpolate,
  offset,
  roughness,
} from './slice-math.js';

/** How far the init→final line reaches on each side, in units of its own length. */
const LINE_FROM = -0.5;
const LINE_TO = 1.5;

function readParams(model: TrainedModel): Float32Array[] {
  // dataSync may return the backend's own buffer: copy it before the variables change.
  return model.params.map((variable) => Float32Array.from(variable.dataSync() as Float32Array));
}

function lossAt(model: TrainedModel, params: readonly Float32Array[]): number {
  model.params.forEach((variable, v) => {
    tf.tidy(() => variable.assign(tf.tensor(params[v]!, variable.shape, 'float32')));
  });
  const loss = model.loss();
  const value = loss.dataSync()[0]!;
  loss.dispose();
  return value;
}

/**
 * Trains one network and slices its loss surface twice: along the line from its initial to its
 * final weights (Goodfellow, Vinyals & Saxe 2015) and along a random filter-normalized direction
 * through the final weights (Li et al. 2018). Reports training steps, then slice evaluations.
 */
export function runLandscapeUnit(spec: LandscapeUnitSpec, options: UnitRunOptions = {}): LandscapeVariant {
  const { fit, slicePoints, span } = spec;
  const totalSteps = fit.steps + 2 * slicePoints;
  const { onProgress, signal } = options;
  const trained = trainRun(fit, {
    ...(onProgress ? { onProgress: (p) => onProgress({ ...p, steps: totalSteps }) } : {}),
    ...(signal ? { signal } : {}),
    keepModel: true,
  });
  const { model, initialParams } = trained;
  if (!model || !initialParams) {
    model?.dispose();
    throw new Error('trainRun kept no model for the landscape');
  }
  try {
    const finalParams = readParams(model);
    let done = fit.steps;
    const slice = (positions: number[], paramsAt: (position: number) => Float32Array[]): Slice => {
      const losses: number[] = [];
      for (const position of positions) {
        if (signal?.aborted) throw abortError();
        const loss = lossAt(model, paramsAt(position));
        losses.push(loss);
        done++;
        onProgress?.({ step: done, steps: totalSteps, loss });
      }
      return { positions, losses };
    };

    const line = slice(evenlySpaced(LINE_FROM, LINE_TO, slicePoints), (alpha) =>
      interpolate(initialParams, finalParams, alpha),
    );
    const direction = gaussianDirection(finalParams, createRandom(fit.seed, STREAM.direction));
    filterNormalize(
      direction,
      finalParams,
      model.paramKinds,
      model.params.map((variable) => variable.shape),
    );
    const across = slice(evenlySpaced(-span, span, slicePoints), (t) => offset(finalParams, direction, t));

    return {
      label: spec.label,
      depth: fit.depth,
      residual: fit.residual,
      finalLoss: trained.result.finalLoss,
      line,
      direction: across,
      // A diverged network has non-finite losses; the shape measures describe the finite part.
      extraMinima: countExtraMinima(across.losses.filter(Number.isFinite)),
      roughness: roughness(across.losses.filter(Number.isFinite)),
    };
  } finally {
    model.dispose();
  }
}
