import type { FitSpec } from '../../engine/result.js';

/** The model and training options a depth experiment's spec carries. */
export type DepthOptions = Pick<FitSpec, 'activation' | 'init' | 'residual' | 'normalization' | 'optimizer'>;

/**
 * The practical remedies (the `tricks` lesson) a spec switched on, in words. The defaults
 * (sigmoid, Glorot init, SGD, plain, no normalization) are the baseline that shows the problem.
 */
export function fixesApplied(spec: DepthOptions): string[] {
  const fixes: string[] = [];
  if (spec.activation === 'relu') fixes.push('relu');
  if (spec.init === 'he') fixes.push('He init');
  if (spec.init === 'orthogonal') fixes.push('orthogonal init');
  if (spec.normalization !== 'none') fixes.push(`${spec.normalization} normalization`);
  if (spec.residual) fixes.push('residual connections');
  if (spec.optimizer === 'adam') fixes.push('Adam');
  return fixes;
}
