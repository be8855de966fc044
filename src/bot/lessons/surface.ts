import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/* What non-convexity looks like when you probe it: restarts and slices of the loss surface. */

export const restarts: Lesson = {
  id: 'restarts',
  title: 'Random restarts: many starts, many answers',
  summary:
    'Train the same model from many random starts: runs that have stopped improving at different losses show a non-convex surface.',
  body: paragraphs(
    'A cheap way to probe the shape of a loss surface: train the same model many times from different random initial weights and look at where the runs end.',
    [
      '- **Convex** (one neuron with cross-entropy): when a minimizer exists and the step is small enough, every run slides into the same bowl and the final losses agree. On separable data there is no minimizer, and runs stopped early end at different tiny losses.',
      '- **Non-convex** (a 3-node network, a deep net, or one neuron with squared error): runs can settle in different valleys or flat regions, so the final losses spread out; some may stay at the no-learning loss (ln 2 ≈ 0.693 with cross-entropy).',
    ].join('\n'),
    'A spread is evidence of more than one place to stop only if every run has *stopped improving*. If losses are still falling, the runs left a plateau at different times: rerun with more steps. Auer, Herbster & Warmuth (1996) showed even one neuron with squared error can have exponentially many local minima. Agreement among restarts does not prove convexity either: these runs only found the same level.',
  ),
  citations: [SOURCE.auer.reference, SOURCE.blumRivest.reference],
  command: '/restarts',
};

export const landscapes: Lesson = {
  id: 'landscapes',
  title: 'Looking at loss landscapes',
  summary:
    'One-dimensional slices of the loss surface: a smooth valley for shallow or residual nets, often bumps for deep plain ones.',
  body: paragraphs(
    'A network has thousands of weights, so its loss surface cannot be drawn whole. We draw slices: pick a direction in weight space and plot the loss along a line through the trained weights.',
    'Goodfellow, Vinyals & Saxe (2015) used the plainest line, the straight path from the initial weights to the trained ones. For many networks the loss fell smoothly along it, with no barrier on the way: a hint that training is often not blocked by local minima on the direct route.',
    'Li, Xu, Taylor, Studer & Goldstein (2018) used random directions rescaled *filter by filter* to the size of the trained weights, so that slices of different networks compare fairly. In their pictures nets without skip connections turned chaotic as depth grew, while residual nets of the same depth stayed smooth.',
    '`/landscape` draws both kinds of slice for a shallow, a deep plain and a deep residual net, and counts dips and roughness. A dip on a slice is a minimum of that line only, not necessarily of the whole surface.',
  ),
  citations: [SOURCE.goodfellow.reference, SOURCE.li.reference],
  command: '/landscape',
};
