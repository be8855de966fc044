import type { FitSpec } from '../../engine/result.js';

/** The model and training options a depth experiment's spec carries. */
type DepthOptions = Pick<FitSpec, 'activation' | 'init' | 'residual' | 'normalization' | 'optimizer'>;

/**
 * The practical remedies (the `tricks` lesson) a spec switched on, in words. The defaults
 * (sigmoid, Glorot init, SGD, plain, no normalization) are the baseline that shows the problem.
 */
function fixesApplied(spec: DepthOptions): string[] {
  const fixes: string[] = [];
  if (spec.activation === 'relu') fixes.push('relu');
  if (spec.init === 'he') fixes.push('He init');
  if (spec.init === 'orthogonal') fixes.push('orthogonal init');
  if (spec.normalization !== 'none') fixes.push(`${spec.normalization} normalization`);
  if (spec.residual) fixes.push('residual connections');
  if (spec.optimizer === 'adam') fixes.push('Adam');
  return fixes;
}

/**
 * "With tanh units, He init and Adam, " when the spec leaves the plain defaults: the units are
 * named whenever anything else changed, so a sigmoid net with He init and Adam is not framed as
 * the relu + He + Adam recipe. Empty for the plain defaults.
 */
export function setupOpening(spec: DepthOptions & { depth?: number }): string {
  // One neuron has no hidden units: its activation, normalization and skips do not apply.
  if (spec.depth === 0) return spec.optimizer === 'adam' ? 'With Adam, ' : '';
  const changes = fixesApplied(spec).filter((fix) => fix !== 'relu');
  if (changes.length === 0 && spec.activation === 'sigmoid') return '';
  return `With ${[`${spec.activation} units`, ...changes].join(', ').replace(/, ([^,]*)$/, ' and $1')}, `;
}
