/** The plain defaults of the train experiment as a FitSpec: sigmoid, Glorot, SGD 0.1 on two-moons. */
export { plainFitSpec } from '../../src/engine/fit-defaults.js';
