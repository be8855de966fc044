import { SOURCE } from './sources.js';
import { paragraphs } from './theory.js';
import type { Lesson } from './types.js';

/*
 * Why the weight scale decides how deep a net can train: signal propagation at initialization,
 * the order-to-chaos edge, and orthogonal weights for deep linear nets. The tutor's /map shows it.
 */

export const signalPropagation: Lesson = {
  id: 'signal-propagation',
  title: 'Signal propagation and critical initialization',
  summary:
    'How big the initial weights are decides how far information travels through a deep net, and so how deep it can still be trained.',
  body: paragraphs(
    'Send two different inputs through a freshly initialized tanh network and follow how similar their hidden activations stay, layer by layer. Poole et al. (2016) and Schoenholz et al. (2017) worked this out for very wide nets with Gaussian weights of variance σ_w²/fan-in. With small σ_w² the net is **ordered**: every input drifts toward the same activations, so deep layers cannot tell inputs apart. With large σ_w² it is **chaotic**: nearby inputs become unrelated. Either way, what the activations keep of how similar the two inputs were is lost over a characteristic number of layers, the depth scale ξ; gradients vanish over a similar depth on the ordered side and explode on the chaotic side.',
    'At the edge between the two, where the slope χ₁ equals 1 (σ_w² ≈ 1.76 for tanh with bias variance 0.05), ξ grows without bound. Schoenholz et al. found that nets trained only while their depth stayed below roughly 6ξ.',
    'For deep *linear* nets, Saxe, McClelland & Ganguli (2014) showed that orthogonal initial weights, with a suitably scaled learning rate, let learning take about the same time at any depth; scaled Gaussian weights need not.',
  ),
  citations: [SOURCE.poole.reference, SOURCE.schoenholz.reference, SOURCE.saxe.reference],
  command: '/map',
};
