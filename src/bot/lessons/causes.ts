import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/*
 * Two causes of a failed run that are not depth making optimization hard: a model that cannot
 * express the answer (capacity), and steps too large for the surface (the learning rate). The
 * tutor links these when a run shows them, so a student does not blame depth for either.
 */

export const capacity: Lesson = {
  id: 'capacity',
  title: 'Capacity is not trainability',
  summary:
    'A model that cannot express the answer fails however well it is trained: one neuron, or a linear net of any depth, draws one straight line.',
  body: paragraphs(
    'One neuron splits the plane with a single straight line. Stacking linear layers does not change that: a product of weight matrices is again one matrix, so a linear network of any depth computes the same kind of function as one neuron. On data no line separates (XOR, two circles, a spiral) such a model fails whatever the optimizer does. That is a limit of **capacity**, what the model can express, not of **training**.',
    'The difference matters for the thesis. A deep sigmoid net stuck at its no-learning loss *can* express a good boundary, since a shallower net of the same kind finds one; it fails because gradient descent does not get there. A linear net on XOR fails because no weights exist. `/lp` proves the second kind of failure: its linear program is infeasible when no line separates the training points.',
    'With linear units, a depth trend is about speed: Saxe, McClelland & Ganguli (2014) solved the learning dynamics of deep linear nets exactly, and depth changes how fast they learn, not what they can represent.',
  ),
  citations: [SOURCE.saxe.reference],
  command: '/train depth:4 activation:linear dataset:xor',
};

export const stepSize: Lesson = {
  id: 'step-size',
  title: 'The step size: when updates overshoot',
  summary:
    'Too large a step makes the loss jump up, end above the no-learning level or overflow; deeper nets often need a smaller one.',
  body: paragraphs(
    'Gradient descent moves every weight against its gradient, by the step size (the learning rate) times that gradient. When the step is too large for how sharply the loss curves, it overshoots the valley: the loss jumps up instead of down, can end worse than answering 0.5 everywhere (above ln 2 ≈ 0.693 with cross-entropy), or overflows to infinity (NaN). LeCun et al. (1998) explain the limit: on a quadratic bowl, plain gradient descent converges only while the step stays below 2 divided by the largest curvature.',
    'That limit depends on the network. Deeper nets often take only a smaller step: at one rate the shallow nets train and the deep ones blow up. That is a depth effect of its own, not vanishing gradients. To compare how well the depths *learn*, rerun the sweep with a step ten times smaller.',
    'A tiny budget is the opposite problem: with a few small steps no net moves far, shallow or deep, and the run cannot tell depth from budget. A loss that stays at its no-learning level at every depth says only that.',
  ),
  citations: [SOURCE.lecun.reference],
  command: '/compare depths:1,2,4,8 learning_rate:3',
};
