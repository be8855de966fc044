import { SOURCE } from './sources.js';
import type { Lesson } from './types.js';

/*
 * The theory half of the argument: one neuron is convex, one layer is an LP when the data are
 * separable, exact training of some small nets with a hidden layer is NP-complete in the worst
 * case, so trained nets come without an optimality certificate. Where the article simplifies a theorem, a lesson says what
 * the article claims and then what the theorem states.
 */

/** Paragraphs of a lesson body, blank-line separated so chat clients show them apart. */
export const paragraphs = (...parts: string[]): string => parts.join('\n\n');

export const convexNeuron: Lesson = {
  id: 'convex-neuron',
  title: 'One neuron: a convex problem',
  summary:
    'A sigmoid neuron trained with cross-entropy has a convex loss: every local minimum is global, though a minimum need not exist.',
  body: paragraphs(
    'A single neuron (logistic regression) outputs σ(w·x + b) and is trained by minimizing the cross-entropy between its outputs and the labels. As a function of the weights that loss is **convex**: a bowl with no dents, so every local minimum is the global one. Precisely: with a small enough step, gradient descent then approaches the best loss from any start, *if a minimizer exists*.',
    'It need not. On linearly separable data (e.g. `blobs`) no finite weights are best: the weights grow forever and the loss only tends to 0, so runs stopped after a fixed number of steps can end at different tiny losses.',
    '**The caveat:** convexity comes from pairing the sigmoid with its *matching* loss. With squared error one sigmoid neuron can have exponentially many local minima (Auer, Herbster & Warmuth 1996: ⌊n/d⌋^d for n examples in d dimensions), and training it is NP-hard (Šíma 2002).',
    'See it: restart the neuron many times. With cross-entropy on the two moons (not separable, so a minimizer exists) the runs should agree; with squared error (`neuron-mse`, on a small set built to trap it) they need not.',
  ),
  citations: [SOURCE.auer.reference, SOURCE.sima2002.reference],
  command: '/restarts architectures:neuron,neuron-mse',
};

export const lpOneLayer: Lesson = {
  id: 'lp-one-layer',
  title: 'One layer: a linear program, when the data are separable',
  summary:
    'If one layer can classify every training point, a linear program finds its weights in polynomial time; the fewest-errors line is NP-hard.',
  body: paragraphs(
    'Take one layer of threshold units. Each output unit can be trained on its own, so look at one: we want weights w and a bias b with w·x + b ≥ 1 on every positive example and ≤ −1 on every negative one. Those are linear inequalities, so finding such weights is a **feasibility linear program**, solvable in polynomial time: if separating weights exist the solver finds them, and if none exist it proves that too.',
    'On **XOR** no straight line separates the classes, so the LP is *infeasible*, and a hidden layer is needed. An infeasible LP only says that no line is perfect, though: two overlapping noisy blobs are not separable either, yet their best model is still a line with a few errors. Overlap is not the same as needing a hidden layer.',
    '**Precisely:** "one layer is an LP" holds for exact separation and for the hinge loss, which an LP minimizes with one slack variable per point. The logistic loss is convex but not linear, so it is no LP. Finding the line with the *fewest errors* on non-separable data is NP-hard (Johnson & Preparata 1978; Höffgen, Simon & Van Horn 1995).',
  ),
  citations: [SOURCE.johnsonPreparata.reference, SOURCE.hoffgen.reference],
  command: '/lp dataset:xor',
};

export const npHard: Lesson = {
  id: 'np-hard',
  title: 'Exact training of small networks: NP-complete in the worst case',
  summary:
    'The article: training two or more layers is NP-hard. The theorems: loading a given network (Judd) or a 3-node net on n inputs (Blum & Rivest).',
  body: paragraphs(
    'The article says that training networks of "two or more layers" is NP-hard. What the theorems state:',
    'Judd (1988; book 1990) studied the *loading problem*: given a network, whose architecture is part of the input, and a training set, do weights exist that get every example right? He proved it NP-complete, already for shallow networks. The article reports, after Judd, that it stays hard when only two thirds of the examples must be right.',
    "Blum & Rivest (NIPS 1988; Neural Networks 1992) took **three threshold nodes**: two hidden units feeding an AND-like output, with n inputs. Deciding whether weights fitting the training set exist is NP-complete, and the hardness grows with the **input dimension n**. In a fixed dimension, like this tutor's 2-D data, exact training is polynomial by enumerating the ways lines can split the points. They also note that a larger network can be *easier* to train.",
    'NP-hardness is about the worst case over all inputs: unless P = NP, no algorithm trains every instance quickly. It does not predict what gradient descent does on a particular toy data set.',
  ),
  citations: [SOURCE.judd.reference, SOURCE.blumRivest.reference],
  command: '/hardness',
};

export const hardnessAndDepth: Lesson = {
  id: 'hardness-and-depth',
  title: 'The theorems do not grade depth',
  summary:
    'The hardness results separate one unit from some hidden-layer nets; they do not rank 16 layers above 8. Depth sweeps show something else.',
  body: paragraphs(
    'The hardness theorems separate **one unit** (a linear program when the data are separable) from particular networks **with a hidden layer**, where training exactly is NP-complete in the worst case (an architecture given as part of the input, Judd 1988; the 3-node net as the input dimension grows, Blum & Rivest 1992). They do not compare 8 layers with 16: no theorem here says a deeper net is harder to train than a shallower one. For deep architectures, Šíma (1994) proved that loading a family of deep, narrow "triangular" networks is NP-complete too: hard, but again not a ranking by depth.',
    'So the trend a depth sweep shows, deeper plain sigmoid nets still near the no-learning loss after the same number of steps, is a different, **empirical** phenomenon: gradient descent slowed by gradients that shrink on their way back through many layers (Glorot & Bengio 2010). It is not evidence of NP-hardness, and the theorems do not predict it. Change the activation, the initialization or the optimizer and the trend mostly goes away, while the worst case stays as hard as before.',
    'Run the sweep and read it as an observation about this data, these settings and this many steps.',
  ),
  citations: [
    SOURCE.judd.reference,
    SOURCE.blumRivest.reference,
    SOURCE.sima1994.reference,
    SOURCE.glorot.reference,
  ],
  command: '/compare depths:1,2,4,8,16',
};

export const consequence: Lesson = {
  id: 'consequence',
  title: 'No optimality certificate for deep nets',
  summary:
    'Logistic regression and SVMs come with proofs that training finds the best model in polynomial time; deep networks come with no certificate.',
  body: paragraphs(
    'For logistic regression and support vector machines the training problem is convex, and there are proofs that an optimizer reaches the best model of that family in polynomial time, up to a tolerance. When training stops, you can check that no better weights exist.',
    'A deep network gives no such certificate. When training ends you cannot tell whether better weights exist, or whether more training would have found them. The hardness results explain why: deciding whether a network fits its training set exactly is NP-complete in the worst case when the architecture is part of the input (Judd 1988), or for a fixed 3-node threshold net as the input dimension grows (Blum & Rivest 1992). For a fixed threshold network in a fixed input dimension it is polynomial. Training even one sigmoid neuron with squared error is NP-hard (Šíma 2002).',
    'What you get instead is practice: gradient descent from a random start, as many steps as time allows, and a result that is good enough, or not. Restart a deep network from several seeds and compare the final losses: nothing in a run tells you whether the best of them is the best there is.',
  ),
  citations: [SOURCE.judd.reference, SOURCE.blumRivest.reference, SOURCE.sima2002.reference],
  command: '/restarts architectures:neuron,deep',
};
