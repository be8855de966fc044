import type { LessonId } from '../lessons/types.js';

/*
 * Short definitions /ask searches besides the lessons. A lesson tells a story and may name a term
 * long before it says what the term is ("Vanishing gradients are not the whole story…"); a student
 * who asks "what is X?" wants X defined first, then the lesson that goes further. Each entry says
 * what one term means in two or three sentences, lists the other names students type for it, and
 * points to the lesson that treats it. The lessons are not edited for this: their text has owners.
 */

/** One glossary entry: a term, what else it is called, what it means, and where to read on. */
export interface GlossaryEntry {
  term: string;
  /** Other names, spellings and abbreviations, e.g. "Kaiming init" for He initialization. */
  aliases: readonly string[];
  /** Two or three sentences, the definition first. */
  definition: string;
  lesson: LessonId;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'Convex loss',
    aliases: ['convex', 'convexity', 'convex function', 'convex optimization', 'bowl-shaped loss'],
    definition:
      'A loss is convex when the straight line between any two points of its graph never dips below the graph: one bowl, no dents. Then every local minimum is a global one, so gradient descent with a small step cannot get stuck in a worse valley. One sigmoid neuron trained with cross-entropy has a convex loss; a network with a hidden layer does not.',
    lesson: 'convex-neuron',
  },
  {
    term: 'Logistic regression',
    aliases: ['single neuron', 'one neuron', 'sigmoid neuron', 'logistic unit'],
    definition:
      'Logistic regression is one sigmoid neuron: it outputs σ(w·x + b), read as the probability of the positive class, and is trained with cross-entropy. Its loss is convex in the weights, which is why it trains reliably from any start.',
    lesson: 'convex-neuron',
  },
  {
    term: 'Local minimum',
    aliases: ['local minima', 'global minimum', 'local optimum', 'stuck in a valley'],
    definition:
      'A local minimum is a set of weights where every small change raises the loss, even though some distant weights have a lower loss (the global minimum). Convex losses have no local minima other than the global one; one sigmoid neuron with squared error can have exponentially many.',
    lesson: 'convex-neuron',
  },
  {
    term: 'Linear program (LP)',
    aliases: ['lp', 'linear programming', 'linear program', 'feasibility', 'infeasible', 'simplex', 'highs'],
    definition:
      'A linear program asks for numbers that satisfy linear inequalities, possibly while making a linear objective as large or small as possible. Solvers find an answer in polynomial time or prove that none exists (the LP is infeasible). Finding one layer of weights that classifies every training point correctly is such a problem.',
    lesson: 'lp-one-layer',
  },
  {
    term: 'Linearly separable data',
    aliases: ['separable', 'linear separability', 'xor', 'perceptron', 'separating line', 'hyperplane'],
    definition:
      'Data are linearly separable when one straight line (a hyperplane in more dimensions) puts every positive example on one side and every negative one on the other. Then one layer suffices, and a linear program finds its weights; XOR is the classic set that no line separates.',
    lesson: 'lp-one-layer',
  },
  {
    term: 'NP-hard',
    aliases: ['np-hard', 'np hard', 'np-complete', 'np completeness', 'p vs np', 'p = np', 'intractable'],
    definition:
      'A problem is NP-hard when a fast algorithm for it would give fast algorithms for every problem in NP, a large class of search problems for which no one knows a polynomial-time method. NP-complete problems are NP-hard problems that are themselves in NP. It is a worst-case statement: unless P = NP, no algorithm solves every instance quickly, though many instances may be easy.',
    lesson: 'np-hard',
  },
  {
    term: 'The loading problem',
    aliases: ['loading', 'judd', 'blum rivest', 'blum and rivest', '3-node network', 'three node network'],
    definition:
      'The loading problem asks: given a network architecture and a training set, do weights exist that get every example right? Judd proved it NP-complete when the architecture is part of the input, and Blum & Rivest proved it for a net of three threshold nodes as the number of inputs grows.',
    lesson: 'np-hard',
  },
  {
    term: 'Hardness versus depth',
    aliases: [
      'deeper is harder',
      'deeper harder',
      'more layers harder',
      'depth hardness',
      'rank by depth',
      'depth trend',
    ],
    definition:
      'The NP-hardness theorems separate one unit from networks with a hidden layer; none of them says a net of 16 layers is harder to train than one of 8. What a depth sweep shows, deeper plain nets learning more slowly, is an empirical effect of gradient descent: the gradient shrinks on its way back through many layers (vanishing gradients). It is not a consequence of the theorems.',
    lesson: 'hardness-and-depth',
  },
  {
    term: 'Optimality certificate',
    aliases: ['certificate', 'optimal', 'optimality', 'global optimum', 'best possible weights', 'guarantee'],
    definition:
      'An optimality certificate is a proof, checkable when training stops, that no better weights exist. Convex problems such as logistic regression and support vector machines come with one; a deep network does not, so you cannot tell whether better weights exist for the same architecture.',
    lesson: 'consequence',
  },
  {
    term: 'Support vector machine (SVM)',
    aliases: ['svm', 'svms', 'support vector machines', 'kernel methods', 'max margin'],
    definition:
      'A support vector machine finds the line (or, with a kernel, the curved boundary) with the widest margin between the classes. Its training problem is convex, so a solver reaches and certifies the best answer; that is a large part of why SVMs displaced neural nets in the 1990s and 2000s.',
    lesson: 'history',
  },
  {
    term: 'Capacity',
    aliases: [
      'expressiveness',
      'expressive power',
      'can it represent',
      'linear network',
      'linear net',
      'underfitting',
    ],
    definition:
      'Capacity is what a model can express at all, whatever its weights. One neuron, or a linear network of any depth, draws a single straight line, so it cannot fit XOR, circles or a spiral however long it trains: that failure is capacity, not a hard optimization problem.',
    lesson: 'capacity',
  },
  {
    term: 'Learning rate (step size)',
    aliases: ['step size', 'lr', 'overshoot', 'divergence', 'diverged', 'nan loss', 'loss went up'],
    definition:
      'The learning rate scales each gradient-descent step. Too large, and the steps overshoot: the loss jumps up, ends above ln 2 or overflows to NaN. Too small, or too few steps, and no net moves far enough to show anything. Deeper nets often take only a smaller rate.',
    lesson: 'step-size',
  },
  {
    term: 'Vanishing gradients',
    aliases: [
      'vanishing gradient',
      'vanishing gradient problem',
      'gradient vanishing',
      'shrinking gradients',
    ],
    definition:
      'Gradients vanish when the error signal shrinks a little at every layer on its way back from the output, so the first layers of a deep net get almost no update and barely learn. In sigmoid nets each layer multiplies it by a slope of at most 0.25, which is why deeper plain sigmoid nets stall.',
    lesson: 'vanishing-gradients',
  },
  {
    term: 'Exploding gradients',
    aliases: ['exploding gradient', 'gradient explosion', 'nan loss'],
    definition:
      'Gradients explode when the error signal grows at every layer on its way back, so updates become huge and the loss jumps or turns into NaN. It is the mirror image of vanishing gradients and comes from weights that start too large.',
    lesson: 'signal-propagation',
  },
  {
    term: 'Saturation',
    aliases: ['saturated', 'saturating', 'saturated unit', 'flat sigmoid'],
    definition:
      'A sigmoid or tanh unit is saturated when its input is so large in size that its output is pinned near its limit and its slope is close to zero. A saturated unit passes almost no gradient back, so the weights before it stop learning.',
    lesson: 'vanishing-gradients',
  },
  {
    term: 'No-learning loss',
    aliases: ['0.693', 'ln 2', 'ln2', 'loss stuck', 'stuck loss', 'plateau', '50/50'],
    definition:
      'The no-learning loss is what a classifier scores when it predicts 50/50 for every example: ln 2 ≈ 0.693 with cross-entropy, 0.25 with squared error. A run whose loss sits there has learned nothing yet, which is what deep plain sigmoid nets often do. On a table of K classes it is ln K (giving each class 1/K): ln 3 ≈ 1.099 for three classes, ln 8 ≈ 2.079 for eight, and chance accuracy is 1/K.',
    lesson: 'vanishing-gradients',
  },
  {
    term: 'Xavier (Glorot) initialization',
    aliases: [
      'xavier',
      'xavier init',
      'glorot',
      'glorot init',
      'glorot initialization',
      'xavier initialization',
    ],
    definition:
      'Xavier or Glorot initialization draws each layer’s starting weights with a variance set by how many units feed in and out of it, so that signals and gradients keep a similar size from layer to layer. It was designed for tanh-like units; Glorot & Bengio (2010) introduced it.',
    lesson: 'vanishing-gradients',
  },
  {
    term: 'He (Kaiming) initialization',
    aliases: ['he init', 'he initialization', 'he initialisation', 'kaiming', 'kaiming init', 'he normal'],
    definition:
      'He or Kaiming initialization draws starting weights with variance 2 / fan-in, twice Glorot’s for the same fan-in and fan-out, to make up for ReLU zeroing about half of its inputs. It keeps signals from shrinking layer by layer in deep ReLU nets (He et al. 2015).',
    lesson: 'tricks',
  },
  {
    term: 'Orthogonal initialization',
    aliases: ['orthogonal', 'orthogonal init', 'orthogonal weights', 'saxe'],
    definition:
      'Orthogonal initialization starts each weight matrix as a rotation, which keeps the length of every signal. Saxe, McClelland & Ganguli (2014) showed that with it a deep linear net learns in about the same time at any depth.',
    lesson: 'signal-propagation',
  },
  {
    term: 'ReLU',
    aliases: ['relu', 'rectified linear unit', 'rectifier', 'leaky relu'],
    definition:
      'ReLU, the rectified linear unit, outputs max(0, x). Its slope is exactly 1 for every positive input, so unlike a sigmoid it does not shrink the gradient at each layer it passes; that is why it made deep nets easier to train.',
    lesson: 'tricks',
  },
  {
    term: 'Sigmoid and tanh',
    aliases: ['sigmoid', 'tanh', 'logistic function', 'activation function', 'squashing function'],
    definition:
      'Sigmoid squashes any number into (0, 1), and tanh into (−1, 1); both flatten out for large inputs. The sigmoid’s slope is at most 0.25 and tanh’s at most 1, so gradients shrink as they pass back through many such units.',
    lesson: 'vanishing-gradients',
  },
  {
    term: 'Batch normalization',
    aliases: ['batchnorm', 'batch norm', 'batch normalisation', 'bn'],
    definition:
      'Batch normalization rescales each unit’s inputs over a mini-batch to mean 0 and variance 1, then applies a learned scale and shift. It keeps activations at a steady size during training (Ioffe & Szegedy 2015), yet He et al. found deep plain nets with it still trained worse than shallow ones.',
    lesson: 'tricks',
  },
  {
    term: 'Layer normalization',
    aliases: ['layernorm', 'layer norm', 'layer normalisation'],
    definition:
      'Layer normalization rescales the activations of one example across the units of a layer, instead of across a batch (Ba, Kiros & Hinton 2016). It works with any batch size, including one.',
    lesson: 'tricks',
  },
  {
    term: 'Adam',
    aliases: ['adam optimizer', 'adaptive learning rate', 'adaptive optimizer'],
    definition:
      'Adam is a gradient-descent optimizer that scales each weight’s step by a running average of that weight’s recent gradient sizes (Kingma & Ba 2015). Weights with tiny gradients still take steps of a useful size, which helps deep nets whose early layers get small gradients.',
    lesson: 'tricks',
  },
  {
    term: 'Training tricks for deep nets',
    aliases: [
      'tricks',
      'in practice',
      'how to train deep networks',
      'make depth trainable',
      'best practices',
    ],
    definition:
      'What made deep nets trainable in practice: ReLU activations, initialization scaled to each layer, normalization, residual connections and adaptive optimizers such as Adam. None of them comes with a guarantee; together they flatten the depth trend.',
    lesson: 'tricks',
  },
  {
    term: 'Residual connection',
    aliases: [
      'resnet',
      'resnets',
      'residual',
      'residual network',
      'skip connection',
      'skip connections',
      'shortcut connection',
    ],
    definition:
      'A residual (skip) connection adds a block’s input to its output, x + F(x), so the block only has to learn a change and doing nothing is easy. Networks built of such blocks, ResNets (He et al. 2016), kept improving with depth where plain nets got worse.',
    lesson: 'degradation',
  },
  {
    term: 'The degradation problem',
    aliases: ['degradation', 'deeper trains worse', 'higher training error', 'plain network', 'plain net'],
    definition:
      'Degradation is a deeper plain network reaching a higher training error than a shallower one, even though it could copy the shallow one by making its extra layers the identity. He et al. (2016) saw it with healthy gradients, so it is not only vanishing gradients, and fixed it with residual connections.',
    lesson: 'degradation',
  },
  {
    term: 'Random restarts',
    aliases: ['restart', 'restarts', 'random seed', 'seeds', 'different seeds', 'multiple runs'],
    definition:
      'Random restarts train the same model several times from different random initial weights and compare where the runs end. If runs that have stopped improving end at different losses, the loss surface has more than one place to stop, so it is not convex.',
    lesson: 'restarts',
  },
  {
    term: 'Non-convex loss surface',
    aliases: ['non-convex', 'nonconvex', 'non convex', 'loss surface', 'many minima'],
    definition:
      'A loss surface is non-convex when it has dents: valleys, ridges or flat regions besides the lowest bowl, so where gradient descent ends depends on where it starts. Every network with a hidden layer has a non-convex loss.',
    lesson: 'restarts',
  },
  {
    term: 'Loss landscape',
    aliases: [
      'landscape',
      'loss landscapes',
      'loss slice',
      'filter normalization',
      'visualize the loss',
      'plot the loss',
    ],
    definition:
      'The loss landscape is the loss as a function of all the weights. It has thousands of dimensions, so we look at slices: the loss along the straight line from the initial to the trained weights (Goodfellow et al. 2015), or along random directions rescaled filter by filter (Li et al. 2018).',
    lesson: 'landscapes',
  },
  {
    term: 'Why neural nets fell out of favour',
    aliases: ['ai winter', 'history', '1990s', '90s', 'came back', 'comeback', 'deep learning revival'],
    definition:
      'In the 1990s and early 2000s many researchers left neural nets for convex methods such as SVMs: training was slow, depended on the starting weights and was NP-hard in the worst case. They came back around 2010 with better initialization and activations, GPUs and large data sets.',
    lesson: 'history',
  },
  {
    term: 'Universal approximation',
    aliases: ['universal approximation theorem', 'universal approximator', 'cybenko', 'hornik'],
    definition:
      'The universal approximation theorem says one hidden layer with enough units can approximate any continuous function on a bounded region as closely as you like (Cybenko 1989; Hornik et al. 1989). It says such weights exist, not that training finds them.',
    lesson: 'history',
  },
  {
    term: 'Signal propagation',
    aliases: [
      'mean field',
      'mean-field theory',
      'order and chaos',
      'ordered phase',
      'chaotic phase',
      'chaos',
    ],
    definition:
      'Signal propagation studies how two inputs’ activations change as they pass through a freshly initialized deep net. With small weights every input drifts to the same activations (ordered); with large weights nearby inputs become unrelated (chaotic); either way the network forgets its input after some number of layers.',
    lesson: 'signal-propagation',
  },
  {
    term: 'Edge of chaos (critical initialization)',
    aliases: ['edge of chaos', 'critical', 'criticality', 'critical initialization', 'critical init', 'chi'],
    definition:
      'The edge of chaos is the weight scale between the ordered and the chaotic phase, where the slope χ₁ equals 1 (σ_w² ≈ 1.76 for tanh with bias variance 0.05). There the depth scale ξ grows without bound, so information and gradients travel through many more layers.',
    lesson: 'signal-propagation',
  },
  {
    term: 'Depth scale ξ',
    aliases: ['xi', 'ξ', 'depth scale', 'weight variance', 'weight scale', 'sigma w', 'σ_w²'],
    definition:
      'The depth scale ξ is the number of layers over which a freshly initialized net forgets how similar two inputs were; it is set by the variance of the initial weights. Schoenholz et al. (2017) found nets trained only while their depth stayed below about 6ξ.',
    lesson: 'signal-propagation',
  },
];
