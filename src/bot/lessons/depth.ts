import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/*
 * What depth does in practice (SUBJECT.md steps 5-6 and the experiments table): why deep plain
 * nets train worse, the two effects behind it, the tricks that flatten the trend, and history.
 */

export const vanishingGradients: Lesson = {
  id: 'vanishing-gradients',
  title: 'Vanishing gradients',
  summary:
    'In a deep sigmoid network the gradient shrinks layer by layer on its way back, so the first layers barely learn.',
  body: paragraphs(
    "Backpropagation multiplies the error signal, layer after layer, by the weights and by the slope of each activation on its way back to the input. The sigmoid's slope is at most 0.25, and close to zero when a unit is *saturated* (output pinned near 0 or 1). Multiply many such factors and the gradient reaching the first layers can be thousands of times smaller than at the last layer. Those layers hardly move, and a deep plain net can stall at loss ln 2 ≈ 0.693: it still predicts 50/50.",
    'Glorot & Bengio (2010) watched this happen. With the usual small random initialization, sigmoid networks pushed their top hidden layer into saturation early in training, and back-propagated gradients got smaller from the output toward the input. Their fix, an initialization scaled by each layer\'s fan-in and fan-out (now "Glorot" or "Xavier" init), keeps signals a similar size across layers; it suits zero-centred activations such as tanh best, so deep sigmoid nets can still stall.',
    'Run a depth sweep and watch the *gradient ratio*, first layer over last, fall as depth grows.',
  ),
  citations: [SOURCE.glorot.reference],
  command: '/compare depths:1,2,4,8,16',
};

export const degradation: Lesson = {
  id: 'degradation',
  title: 'Degradation: deeper trains worse even with healthy gradients',
  summary:
    'He et al. (2016) found deeper plain nets reach a higher training error even with normalization, and fixed it with residual connections.',
  body: paragraphs(
    'Vanishing gradients are not the whole story. He, Zhang, Ren & Sun (2016) trained plain networks with batch normalization, which keeps forward signals and backward gradients at healthy sizes. Still the deeper net did worse *on the training set*: on CIFAR-10 a 56-layer plain net had a higher training error than a 20-layer one, and on ImageNet a 34-layer plain net trained worse than an 18-layer one. Overfitting cannot explain a worse **training** error, and the deeper net could in principle copy the shallow one and make its extra layers the identity. The optimizer just did not find such weights.',
    'They called this the **degradation** problem and fixed it with **residual connections**: each block learns a change F(x) that is added to its input, x + F(x), so doing nothing is easy. Residual nets kept improving with depth, up to 152 layers on ImageNet.',
    'Here: a relu + normalization depth sweep that still gets worse with depth while the first-to-last gradient ratio stays healthy shows this second effect. Then add `residual:true`.',
  ),
  citations: [SOURCE.he.reference],
  command: '/compare depths:1,4,16 activation:relu init:he normalization:batch',
};

export const tricks: Lesson = {
  id: 'tricks',
  title: 'Tricks that make depth trainable',
  summary:
    'ReLU, careful initialization, normalization, residual connections and Adam flatten the depth trend in practice, without any guarantee.',
  body: paragraphs(
    'Theory says deep nets are hard to train in the worst case; practice found ways around the usual case. None of these tricks restores a guarantee, but together they make depth trainable:',
    [
      '- **ReLU** does not saturate for positive inputs, so the gradient is not shrunk at every layer.',
      '- **Careful initialization**: Glorot & Bengio (2010) for tanh-like units, He initialization for ReLU, keeps signal sizes steady across layers.',
      '- **Normalization** (batch or layer) re-centres and rescales each layer during training.',
      '- **Residual connections** (He et al. 2016) let every block start close to the identity.',
      "- **Adaptive optimizers** such as Adam scale each weight's step by its own gradient history, so small gradients still move weights.",
    ].join('\n'),
    'Then came more compute: GPUs and many machines let people run far more gradient steps, the other practical answer to a hard problem. Compare a plain sigmoid sweep with one that uses the tricks and see whether the depth trend flattens.',
  ),
  citations: [SOURCE.glorot.reference, SOURCE.he.reference],
  command: '/compare depths:1,2,4,8,16 activation:relu init:he optimizer:adam',
};

export const history: Lesson = {
  id: 'history',
  title: 'Why neural nets fell out of favour, and came back',
  summary:
    'Hard to optimize and without guarantees, neural nets lost ground to convex methods from the 1990s to the early 2000s.',
  body: paragraphs(
    'Backpropagation made multi-layer networks popular in the late 1980s, yet through the 1990s and early 2000s many researchers turned away from them. One reason is the subject of this tutor: they were hard to optimize. Training was slow and fiddly, results depended on the starting weights, deeper nets often trained worse than shallow ones, and theory brought only bad news: training is NP-hard (Judd 1988; Blum & Rivest 1992). Support vector machines, meanwhile, offered a convex training problem with one best solution and a clean theory.',
    'Neural networks came back in the late 2000s and early 2010s. The hardness results still stand; practice got around them: better initialization and activations (Glorot & Bengio 2010), layer-wise pre-training, GPUs, much larger labelled data sets, then normalization and residual connections (He et al. 2016). Gradient descent turned out to find good-enough weights for images, speech and translation, still with no proof that they are the best.',
  ),
  citations: [
    SOURCE.judd.reference,
    SOURCE.blumRivest.reference,
    SOURCE.glorot.reference,
    SOURCE.he.reference,
  ],
  command: '/train depth:8',
};
