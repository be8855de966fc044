import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/*
 * What depth does in practice: why deep plain nets often train worse, the two effects behind
 * it, the tricks that flatten the trend, and the history. These are empirical findings, told
 * apart from the hardness theorems.
 */

export const vanishingGradients: Lesson = {
  id: 'vanishing-gradients',
  title: 'Vanishing gradients',
  summary:
    'In a deep sigmoid network the gradient shrinks layer by layer on its way back, so the first layers barely learn.',
  body: paragraphs(
    "Backpropagation multiplies the error signal by the weights and by the slope of each activation on its way back to the input. The sigmoid's slope is at most 0.25, and close to zero when a unit is *saturated* (output pinned near 0 or 1). Multiply many such factors and the gradient reaching the first layers can be thousands of times smaller than at the last layer. Those layers hardly move, and a deep plain net can stall at its no-learning loss, still predicting 50/50: ln 2 ≈ 0.693 with cross-entropy, 0.25 with squared error.",
    'Glorot & Bengio (2010) saw two things under the usual random initialization. Sigmoid networks drove their *top* hidden layer into saturation early in training (their Fig. 2). Separately, in tanh networks, back-propagated gradients shrank from the output toward the input (their Fig. 7). Their initialization, scaled by each layer\'s fan-in and fan-out (now "Glorot" or "Xavier" init), keeps signals a similar size across layers. It suits zero-centred tanh best: deep sigmoid nets can still stall.',
    "Run a depth sweep and watch the *gradient ratio*, first layer over last, fall as depth grows; when every layer's gradient is tiny, a ratio near 1 hides it.",
  ),
  citations: [SOURCE.glorot.reference],
  command: '/compare depths:1,2,4,8,16',
};

export const degradation: Lesson = {
  id: 'degradation',
  title: 'Degradation: deeper trains worse even with healthy gradients',
  summary:
    'He et al. (2016) found deeper plain nets reach a higher training error even with batch normalization, and fixed it with residual connections.',
  body: paragraphs(
    'Vanishing gradients are not the whole story. He, Zhang, Ren & Sun (2016) trained plain networks with batch normalization (Ioffe & Szegedy 2015). They note that it keeps forward signals at a non-zero variance, and they *checked* that the backward gradients had healthy norms; normalization alone does not guarantee that at initialization. Still the deeper net did worse *on the training set*: on CIFAR-10 a 56-layer plain net had a higher training error than a 20-layer one, and on ImageNet a 34-layer plain net trained worse than an 18-layer one. Overfitting cannot explain a worse **training** error, and the deeper net could copy the shallow one by making its extra layers the identity. The optimizer did not find such weights.',
    'They called this the **degradation** problem and fixed it with **residual connections**: each block learns a change F(x) that is added to its input, x + F(x), so doing nothing is easy. Residual nets kept improving with depth, up to 152 layers on ImageNet.',
    'Here: a relu + batch-norm sweep that gets worse with depth while the gradients stay healthy would show it. On small toy data it often does not; the explanation says which.',
  ),
  citations: [SOURCE.he.reference, SOURCE.ioffe.reference],
  command: '/compare depths:1,4,16 activation:relu init:he normalization:batch',
};

export const tricks: Lesson = {
  id: 'tricks',
  title: 'Tricks that make depth trainable',
  summary:
    'ReLU, careful initialization, normalization, residual connections and Adam often flatten the depth trend in practice, without any guarantee.',
  body: paragraphs(
    'The theorems are about the worst case; practice found ways around the usual case. No trick restores a guarantee, but together they usually make depth trainable:',
    [
      '- **ReLU** (Nair & Hinton 2010; Glorot, Bordes & Bengio 2011) does not saturate for positive inputs, so the gradient is not shrunk at every layer.',
      '- **Initialization** scaled to the layer: Glorot & Bengio (2010) for tanh-like units, He et al. (2015) for ReLU; orthogonal matrices (Saxe, McClelland & Ganguli 2014) keep deep linear nets learning at a depth-independent speed.',
      '- **Normalization**, batch (Ioffe & Szegedy 2015) or layer (Ba, Kiros & Hinton 2016), re-centres and rescales each layer during training.',
      '- **Residual connections** (He et al. 2016) make the identity easy to *represent*: a block learns the identity by driving its branch to zero. Scaling each branch down at initialization, so a deep stack starts near the identity instead of blowing up, came later (Zhang, Dauphin & Ma 2019; Hayou et al. 2021).',
      "- **Adam** (Kingma & Ba 2015) scales each weight's step by its own gradient history, so small gradients still move weights.",
    ].join('\n'),
    'Then came compute: GPUs allowed far more steps. Compare a plain sigmoid sweep with one using the tricks.',
  ),
  citations: [
    SOURCE.nairHinton.reference,
    SOURCE.glorotBordes.reference,
    SOURCE.glorot.reference,
    SOURCE.he2015.reference,
    SOURCE.saxe.reference,
    SOURCE.ioffe.reference,
    SOURCE.ba.reference,
    SOURCE.he.reference,
    SOURCE.fixup.reference,
    SOURCE.hayou.reference,
    SOURCE.kingma.reference,
  ],
  command: '/compare depths:1,2,4,8,16 activation:relu init:he optimizer:adam',
};

export const history: Lesson = {
  id: 'history',
  title: 'Why neural nets fell out of favour, and came back',
  summary:
    'Hard optimization was one reason neural nets lost ground to convex methods between the 1990s and the early 2000s.',
  body: paragraphs(
    'Backpropagation made multi-layer networks popular in the late 1980s, yet between the 1990s and the early 2000s many researchers turned away from them. Hard optimization is one reason: training was slow and fiddly, results depended on the starting weights, and exact training was proved NP-hard in the worst case (Judd 1988; Blum & Rivest 1992). Support vector machines offered a convex training problem whose optimum a solver can certify.',
    'The theory of that time was not all bad news: one hidden layer can approximate any continuous function on a bounded region (Cybenko 1989; Hornik, Stinchcombe & White 1989), and a linear network with one hidden layer and squared error has no local minima other than the global one (Baldi & Hornik 1989).',
    'Networks came back in the late 2000s and early 2010s. The hardness results still stand; practice got around the usual case: better initialization and activations, layer-wise pre-training, GPUs, much larger labelled data sets, then normalization and residual connections. Gradient descent found good-enough weights for images, speech and translation, still with no proof that they are the best.',
  ),
  citations: [
    SOURCE.judd.reference,
    SOURCE.blumRivest.reference,
    SOURCE.cybenko.reference,
    SOURCE.hornik.reference,
    SOURCE.baldiHornik.reference,
  ],
  command: '/train depth:8',
};
