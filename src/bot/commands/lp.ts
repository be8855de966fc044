import { experimentCommand } from './experiment-command.js';

/** `/lp`: one layer trained by linear programming; XOR has no solution. */
export default experimentCommand(
  'lp',
  'Train one layer exactly with a linear program; see why XOR needs a hidden layer',
  ['/lp', '/lp dataset:xor'],
);
