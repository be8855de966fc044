import { computePathOf, PLAIN_MAX_MULTIPLY_ADDS } from '../../engine/compute-path.js';
import { LIMITS } from '../../engine/limits.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { defineCommand, type TypedCommand } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {};

/** Which runs skip the backend: the size rule of src/engine/compute-path.ts, with the default net's depths. */
function smallNetRule(): string {
  const width = SPEC_FIELDS.train.width.default;
  const points = SPEC_FIELDS.train.points.default;
  let deepest = -1;
  for (let depth = LIMITS.depth.min; depth <= LIMITS.depth.max; depth++)
    if (computePathOf({ depth, width, points }) === 'typed-arrays') deepest = depth;
  const example = deepest < 0 ? '' : ` (at width ${width} and ${points} points: depth ${deepest} or less)`;
  return (
    "Small nets train on typed arrays in plain TypeScript instead, where the backend's per-op overhead " +
    `would outweigh the arithmetic: ` +
    `up to ${PLAIN_MAX_MULTIPLY_ADDS.toLocaleString('en-US')} multiply-adds per forward pass${example}. ` +
    "Each reply's Backend line says which ran."
  );
}

/** `/status`: is the tutor busy? Queue length, running jobs, backend, uptime. */
export default defineCommand({
  name: 'status',
  description: 'How busy the training queue is, and which backend runs the experiments',
  options: OPTIONS,
  examples: ['/status'],
  async run(_request, { services }) {
    const { running, queued } = services.jobs.snapshot();
    const minutes = Math.floor((Date.now() - services.startedAt) / 60_000);
    return privateNote('Tutor status', [
      `${running} running, ${queued} waiting. Backend: ${services.backend()}. Up for ${minutes} min.`,
      smallNetRule(),
    ]);
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
