import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/* What non-convexity looks like when you probe it: restarts and slices of the loss surface. */

export const restarts: Lesson = {
  id: 'restarts',
  title: 'Random restarts: many starts, many answers',
  summary:
    'On a non-convex loss, training from different random weights ends at different losses; on a convex one it does not.',
  body: paragraphs(
    'A cheap way to probe the shape of a loss surface: train the same model many times from different random initial weights and look at where the runs end.',
    [
      '- **Convex** (one neuron with cross-entropy): every run slides into the same bowl, and the final losses agree to a few decimals.',
      '- **Non-convex** (a 3-node network, a deep net, or one neuron with squared error): runs can settle in different valleys or flat regions, so the final losses spread out; some may stay stuck near ln 2 ≈ 0.693.',
    ].join('\n'),
    'A spread of final losses is direct evidence that the problem has more than one place to stop (Auer, Herbster & Warmuth 1995 showed even one neuron can have many with the wrong loss). It is also the missing guarantee made visible: one run of a deep net tells you little, so practitioners train several seeds and keep the best. Agreement among restarts does not prove convexity, though: only that these runs found the same level.',
  ),
  citations: [SOURCE.auer.reference, SOURCE.blumRivest.reference],
  command: '/restarts',
};

export const landscapes: Lesson = {
  id: 'landscapes',
  title: 'Looking at loss landscapes',
  summary:
    'One-dimensional slices of the loss surface: a smooth valley for shallow or residual nets, bumps for deep plain ones.',
  body: paragraphs(
    'A network has thousands of weights, so its loss surface cannot be drawn whole. We draw slices: pick a direction in weight space and plot the loss along a line through the trained weights.',
    'Goodfellow, Vinyals & Saxe (2015) used the plainest line, the straight path from the initial weights to the trained ones. For many networks the loss fell smoothly along it, with no barrier on the way: a hint that training is often not blocked by local minima on the direct route.',
    'Li, Xu, Taylor, Studer & Goldstein (2018) used random directions rescaled *filter by filter* to the size of the trained weights, so that slices of different networks compare fairly. Their pictures show nets without skip connections turning chaotic as depth grows, while residual nets of the same depth stay smooth and nearly convex.',
    '`/landscape` draws both kinds of slice for a shallow net, a deep plain net and a deep residual net, and counts the extra minima and the roughness of each.',
  ),
  citations: [SOURCE.goodfellow.reference, SOURCE.li.reference],
  command: '/landscape',
};
