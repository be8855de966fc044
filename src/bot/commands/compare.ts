import { experimentCommand } from './experiment-command.js';

/** `/compare`: a depth sweep with everything else equal. */
export default experimentCommand(
  'compare',
  'Train plain networks of several depths side by side and compare their losses',
  [
    '/compare depths:1,2,4,8,16',
    '/compare depths:1,4,8 activation:relu init:he optimizer:adam learning_rate:0.01',
    '/compare residual:true',
  ],
);
