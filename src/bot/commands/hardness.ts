import { experimentCommand } from './experiment-command.js';

/** `/hardness`: exact training of the three-node network as a mixed-integer program, timed over a sweep. */
export default experimentCommand(
  'hardness',
  'Train a 3-node network exactly (mixed-integer program); watch solve time grow with points and dims',
  ['/hardness', '/hardness labels:random dims:2,4,8', '/hardness inputs:cube sizes:4,8,16 dims:4,6,8'],
);
