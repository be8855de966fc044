import { experimentCommand } from './experiment-command.js';

/** `/restarts`: many random starts of one neuron, a 3-node net and a deep net; where do they end? */
export default experimentCommand(
  'restarts',
  'Restart training many times: do the runs end at one loss or scatter?',
  ['/restarts', '/restarts architectures:neuron,deep restarts:20'],
);
