import { experimentCommand } from './experiment-command.js';

/** `/landscape`: slices through the loss surface of a shallow, a deep and a residual net. */
export default experimentCommand(
  'landscape',
  'Slice through the loss surface of a shallow, a deep and a residual network',
  ['/landscape', '/landscape depth:16 seed:3'],
);
