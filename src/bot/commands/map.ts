import { experimentCommand } from './experiment-command.js';

/** `/map`: a trainability map, depth against one other option. */
export default experimentCommand(
  'map',
  'Map which depths train against the weight scale, learning rate, width, activation or init',
  [
    '/map',
    '/map axis:learning_rate activation:sigmoid init:glorot',
    '/map axis:init activation:linear metric:steps depths:1,2,4,8,16',
  ],
);
