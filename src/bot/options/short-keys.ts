/**
 * Short names for options. Button ids use them (Discord caps an id at 100 characters) and people
 * may type them too; the parser maps each back to the full name.
 */
export const SHORT_KEYS: Record<string, string> = {
  depth: 'd',
  width: 'w',
  activation: 'act',
  residual: 'res',
  normalization: 'norm',
  optimizer: 'opt',
  learningRate: 'lr',
  dataset: 'data',
  points: 'n',
  gridSize: 'grid',
  architectures: 'arch',
  slicePoints: 'slice',
  // The Gaussian init's σ_w² and σ_b², and the map's threshold.
  weightScale: 'sw2',
  biasScale: 'sb2',
  threshold: 'thr',
};

/** Full option names by the short (normalized) names people type. */
export const ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SHORT_KEYS).map(([full, short]) => [short, full])),
  rate: 'learningRate',
};
