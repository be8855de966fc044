import { experimentCommand } from './experiment-command.js';

/** `/train`: one configuration, several seeds: loss curves, gradients per layer, the decision boundary. */
export default experimentCommand(
  'train',
  'Train one network on toy data and see how its depth changes training',
  [
    '/train depth:8',
    '/train depth:8 activation:relu init:he optimizer:adam learning_rate:0.01',
    '/train depth:1 dataset:circles',
  ],
);
