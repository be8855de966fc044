import type { Source } from './types.js';

/*
 * The works the syllabus rests on (SUBJECT.md). Judd and Blum & Rivest each published
 * their result twice (conference or paper, then journal or book); one entry names both.
 */

const judd: Source = {
  key: 'judd1988',
  short: 'Judd (1988, 1990)',
  reference:
    'J. S. Judd, "On the complexity of loading shallow neural networks", Journal of Complexity 4(3), 1988; and Neural Network Design and the Complexity of Learning, MIT Press, 1990.',
};

const blumRivest: Source = {
  key: 'blum1992',
  short: 'Blum & Rivest (1988, 1992)',
  reference:
    'A. Blum, R. L. Rivest, "Training a 3-node neural network is NP-complete", NIPS 1988; Neural Networks 5(1), 1992; reprinted 1993.',
};

const auer: Source = {
  key: 'auer1995',
  short: 'Auer, Herbster & Warmuth (1995)',
  reference:
    'P. Auer, M. Herbster, M. K. Warmuth, "Exponentially many local minima for single neurons", NIPS 1995.',
};

const glorot: Source = {
  key: 'glorot2010',
  short: 'Glorot & Bengio (2010)',
  reference:
    'X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010.',
};

const he: Source = {
  key: 'he2016',
  short: 'He et al. (2016)',
  reference: 'K. He, X. Zhang, S. Ren, J. Sun, "Deep residual learning for image recognition", CVPR 2016.',
};

const li: Source = {
  key: 'li2018',
  short: 'Li et al. (2018)',
  reference:
    'H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein, "Visualizing the loss landscape of neural nets", NeurIPS 2018.',
};

const goodfellow: Source = {
  key: 'goodfellow2015',
  short: 'Goodfellow, Vinyals & Saxe (2015)',
  reference:
    'I. J. Goodfellow, O. Vinyals, A. M. Saxe, "Qualitatively characterizing neural network optimization problems", ICLR 2015.',
};

// Signal propagation and initialization: the theory behind the trainability map.
const saxe: Source = {
  key: 'saxe2014',
  short: 'Saxe, McClelland & Ganguli (2014)',
  reference:
    'A. M. Saxe, J. L. McClelland, S. Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014.',
};

const poole: Source = {
  key: 'poole2016',
  short: 'Poole et al. (2016)',
  reference:
    'B. Poole, S. Lahiri, M. Raghu, J. Sohl-Dickstein, S. Ganguli, "Exponential expressivity in deep neural networks through transient chaos", NIPS 2016.',
};

const schoenholz: Source = {
  key: 'schoenholz2017',
  short: 'Schoenholz et al. (2017)',
  reference:
    'S. S. Schoenholz, J. Gilmer, S. Ganguli, J. Sohl-Dickstein, "Deep information propagation", ICLR 2017.',
};

/** The works, by key, for the lesson files. */
export const SOURCE = {
  judd,
  blumRivest,
  auer,
  glorot,
  he,
  li,
  goodfellow,
  saxe,
  poole,
  schoenholz,
} as const;

/** Every work the tutor cites, in the order of the argument. */
export const SOURCES: readonly Source[] = Object.values(SOURCE);
