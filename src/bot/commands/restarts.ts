import { experimentCommand } from './experiment-command.js';

/** `/restarts`: many random starts; one neuron always ends at one loss, deeper nets do not. */
export default experimentCommand(
  'restarts',
  'Restart training many times: one neuron ends at one loss, deeper nets scatter',
  ['/restarts', '/restarts architectures:neuron,deep restarts:20'],
);
