import type { Source } from './types.js';

/*
 * The works the syllabus rests on. Judd and Blum & Rivest each published their result twice
 * (paper, then journal or book); one entry names both. The lessons name a work in running text
 * by its `short` form and list the full `reference` under the lesson.
 */

const source = (key: string, short: string, reference: string): Source => ({ key, short, reference });

const judd = source(
  'judd1988',
  'Judd (1988, 1990)',
  'J. S. Judd, "On the complexity of loading shallow neural networks", Journal of Complexity 4(3), 1988; and Neural Network Design and the Complexity of Learning, MIT Press, 1990.',
);

const blumRivest = source(
  'blum1992',
  'Blum & Rivest (1988, 1992)',
  'A. Blum, R. L. Rivest, "Training a 3-node neural network is NP-complete", NIPS 1988; Neural Networks 5(1), 1992.',
);

const sima1994 = source(
  'sima1994',
  'Šíma (1994)',
  'J. Šíma, "Loading deep networks is hard", Neural Computation 6(5), 1994.',
);

const johnsonPreparata = source(
  'johnson1978',
  'Johnson & Preparata (1978)',
  'D. S. Johnson, F. P. Preparata, "The densest hemisphere problem", Theoretical Computer Science 6(1), 1978.',
);

const hoffgen = source(
  'hoffgen1995',
  'Höffgen, Simon & Van Horn (1995)',
  'K.-U. Höffgen, H. U. Simon, K. S. Van Horn, "Robust trainability of single neurons", Journal of Computer and System Sciences 50(1), 1995.',
);

const auer = source(
  'auer1996',
  'Auer, Herbster & Warmuth (1996)',
  'P. Auer, M. Herbster, M. K. Warmuth, "Exponentially many local minima for single neurons", NIPS 8 (1995), MIT Press 1996.',
);

const sima2002 = source(
  'sima2002',
  'Šíma (2002)',
  'J. Šíma, "Training a single sigmoidal neuron is hard", Neural Computation 14(11), 2002.',
);

const glorot = source(
  'glorot2010',
  'Glorot & Bengio (2010)',
  'X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010.',
);

const nairHinton = source(
  'nair2010',
  'Nair & Hinton (2010)',
  'V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines", ICML 2010.',
);

const glorotBordes = source(
  'glorot2011',
  'Glorot, Bordes & Bengio (2011)',
  'X. Glorot, A. Bordes, Y. Bengio, "Deep sparse rectifier neural networks", AISTATS 2011.',
);

const saxe = source(
  'saxe2014',
  'Saxe, McClelland & Ganguli (2014)',
  'A. M. Saxe, J. L. McClelland, S. Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014.',
);

const he2015 = source(
  'he2015',
  'He et al. (2015)',
  'K. He, X. Zhang, S. Ren, J. Sun, "Delving deep into rectifiers: surpassing human-level performance on ImageNet classification", ICCV 2015.',
);

const ioffe = source(
  'ioffe2015',
  'Ioffe & Szegedy (2015)',
  'S. Ioffe, C. Szegedy, "Batch normalization: accelerating deep network training by reducing internal covariate shift", ICML 2015.',
);

const ba = source(
  'ba2016',
  'Ba, Kiros & Hinton (2016)',
  'J. L. Ba, J. R. Kiros, G. E. Hinton, "Layer normalization", arXiv:1607.06450, 2016.',
);

const kingma = source(
  'kingma2015',
  'Kingma & Ba (2015)',
  'D. P. Kingma, J. Ba, "Adam: a method for stochastic optimization", ICLR 2015.',
);

const he = source(
  'he2016',
  'He et al. (2016)',
  'K. He, X. Zhang, S. Ren, J. Sun, "Deep residual learning for image recognition", CVPR 2016.',
);

// Branches scaled at initialization: later than residual connections themselves.
const fixup = source(
  'zhang2019',
  'Zhang, Dauphin & Ma (2019)',
  'H. Zhang, Y. N. Dauphin, T. Ma, "Fixup initialization: residual learning without normalization", ICLR 2019.',
);

const hayou = source(
  'hayou2021',
  'Hayou et al. (2021)',
  'S. Hayou, E. Clerico, B. He, G. Deligiannidis, A. Doucet, J. Rousseau, "Stable ResNet", AISTATS 2021.',
);

const li = source(
  'li2018',
  'Li et al. (2018)',
  'H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein, "Visualizing the loss landscape of neural nets", NeurIPS 2018.',
);

const goodfellow = source(
  'goodfellow2015',
  'Goodfellow, Vinyals & Saxe (2015)',
  'I. J. Goodfellow, O. Vinyals, A. M. Saxe, "Qualitatively characterizing neural network optimization problems", ICLR 2015.',
);

const cybenko = source(
  'cybenko1989',
  'Cybenko (1989)',
  'G. Cybenko, "Approximation by superpositions of a sigmoidal function", Mathematics of Control, Signals and Systems 2(4), 1989.',
);

const hornik = source(
  'hornik1989',
  'Hornik, Stinchcombe & White (1989)',
  'K. Hornik, M. Stinchcombe, H. White, "Multilayer feedforward networks are universal approximators", Neural Networks 2(5), 1989.',
);

const baldiHornik = source(
  'baldi1989',
  'Baldi & Hornik (1989)',
  'P. Baldi, K. Hornik, "Neural networks and principal component analysis: learning from examples without local minima", Neural Networks 2(1), 1989.',
);

// Signal propagation: the theory behind the trainability map (Saxe et al. is above).
const poole = source(
  'poole2016',
  'Poole et al. (2016)',
  'B. Poole, S. Lahiri, M. Raghu, J. Sohl-Dickstein, S. Ganguli, "Exponential expressivity in deep neural networks through transient chaos", NIPS 2016.',
);

const schoenholz = source(
  'schoenholz2017',
  'Schoenholz et al. (2017)',
  'S. S. Schoenholz, J. Gilmer, S. Ganguli, J. Sohl-Dickstein, "Deep information propagation", ICLR 2017.',
);

const lecun = source(
  'lecun1998',
  'LeCun et al. (1998)',
  'Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks: Tricks of the Trade, Springer, 1998.',
);

/** The works, by key, for the lesson files. */
export const SOURCE = {
  judd,
  blumRivest,
  sima1994,
  johnsonPreparata,
  hoffgen,
  auer,
  sima2002,
  glorot,
  nairHinton,
  glorotBordes,
  saxe,
  he2015,
  ioffe,
  ba,
  kingma,
  he,
  fixup,
  hayou,
  li,
  goodfellow,
  cybenko,
  hornik,
  baldiHornik,
  poole,
  schoenholz,
  lecun,
} as const;

/** Every work the tutor cites, in the order of the argument. */
export const SOURCES: readonly Source[] = Object.values(SOURCE);
