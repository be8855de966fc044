import { SOURCE } from './sources.js';
import type { Lesson } from './types.js';

/*
 * The theory half of the argument (SUBJECT.md steps 1-4): one neuron is convex, one layer is an
 * LP, two layers are NP-hard, so deep nets come without an optimality guarantee.
 */

/** Paragraphs of a lesson body, blank-line separated so chat clients show them apart. */
export const paragraphs = (...parts: string[]): string => parts.join('\n\n');

export const convexNeuron: Lesson = {
  id: 'convex-neuron',
  title: 'One neuron: a convex problem',
  summary:
    'A single sigmoid neuron trained with cross-entropy has one bowl-shaped loss: every start ends at the same best loss.',
  body: paragraphs(
    'A single neuron (logistic regression) outputs σ(w·x + b) and is trained by minimizing the cross-entropy between its outputs and the labels. Seen as a function of the weights, that loss is **convex**: a bowl with no dents for the optimizer to get stuck in. Every local minimum is the global one, several polynomial-time algorithms solve it, and gradient descent reaches the same best loss from any starting point.',
    '**The caveat:** convexity comes from pairing the activation with its *matching* loss. Train the same sigmoid neuron with squared error instead and the guarantee is gone: Auer, Herbster & Warmuth (1995) built data sets on which one neuron with squared error has a number of local minima that grows exponentially with the input dimension.',
    'See it: restart the neuron from many random weights. With cross-entropy all runs should agree on one final loss; with squared error (`neuron-mse`) they need not.',
  ),
  citations: [SOURCE.auer.reference],
  command: '/restarts architectures:neuron,neuron-mse',
};

export const lpOneLayer: Lesson = {
  id: 'lp-one-layer',
  title: 'One layer: a linear program',
  summary:
    'If weights exist that classify every training point with one layer, linear programming finds them in polynomial time.',
  body: paragraphs(
    'Take one layer of threshold units (perceptrons). Each output unit can be trained on its own, so look at one: we want weights w and a bias b with w·x + b ≥ 1 on every positive example and ≤ −1 on every negative one. Those are linear inequalities, so finding such weights is a **feasibility linear program**. Linear programming is a special case of convex optimization and is solvable in polynomial time: if separating weights exist, the solver finds them, and if none exist, it proves that too.',
    'That second answer matters. On **XOR** no straight line puts (0,0) and (1,1) on one side and (0,1) and (1,0) on the other, so the LP is *infeasible*. No amount of training can fix it: the model is too weak, and a **hidden layer** is needed. Blum & Rivest (1992) contrast this easy one-unit case with what happens once you add that hidden layer.',
  ),
  citations: [SOURCE.blumRivest.reference],
  command: '/lp dataset:xor',
};

export const npHard: Lesson = {
  id: 'np-hard',
  title: 'Two or more layers: training is NP-hard',
  summary: 'Add depth and the training problem itself becomes NP-hard, even for a network of three nodes.',
  body: paragraphs(
    'With a hidden layer, no efficient exact training method is known. Judd (1988) studied the *loading problem*: given an architecture and a training set, do weights exist that make the network right on every example? He proved it NP-complete. In his 1990 book Judd reports that it stays NP-hard even when only two thirds of the examples must come out right, so settling for approximate training does not escape the difficulty.',
    'Blum & Rivest (1988; journal version 1992) took the smallest interesting case: two hidden threshold units feeding one output unit. Deciding whether this **3-node network** can fit a given training set is already NP-complete, with the difficulty growing with the number of inputs.',
    'NP-hardness is a worst-case statement: it does not say every data set is hard. It says that, unless P = NP, no algorithm can promise to train even this tiny network quickly on every input.',
  ),
  citations: [SOURCE.judd.reference, SOURCE.blumRivest.reference],
  command: '/hardness',
};

export const consequence: Lesson = {
  id: 'consequence',
  title: 'No optimality guarantee for deep nets',
  summary:
    'Logistic regression and SVMs come with proofs that training finds the best model; deep networks do not.',
  body: paragraphs(
    'Put the last three lessons side by side. For logistic regression and support vector machines the training problem is convex, and there are proofs that an optimizer reaches the best model of that family in polynomial time. When training stops, you know no better weights exist, up to a tolerance.',
    'A deep network gives no such certificate. When training ends you cannot tell whether a better set of weights exists for the same architecture, or whether more training would have found it. The hardness results of Judd (1988) and Blum & Rivest (1992) say why no general guarantee should be expected: even small networks are NP-hard to train.',
    'What you get instead is practice: gradient descent from a random start, as many steps as time allows, and a result that is good enough, or not. Restart one deep network from several seeds and compare the final losses to see the missing guarantee.',
  ),
  citations: [SOURCE.judd.reference, SOURCE.blumRivest.reference],
  command: '/restarts architectures:neuron,deep',
};
