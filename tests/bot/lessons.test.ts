import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_PLAN } from '../../src/bot/classroom/lesson-plan.js';
import { findLesson, LESSONS, SOURCES } from '../../src/bot/lessons/index.js';
import { parseOptionText } from '../../src/bot/options/parse-text.js';
import type { Field } from '../../src/engine/fields.js';
import { EXPERIMENTS, type ExperimentName, SPEC_FIELDS } from '../../src/engine/spec.js';
import { validateSpec } from '../../src/engine/validate.js';

/** The topics the syllabus requires, spelled out so removing one fails here. */
const REQUIRED_TOPICS = [
  'convex-neuron',
  'lp-one-layer',
  'np-hard',
  'hardness-and-depth',
  'consequence',
  'vanishing-gradients',
  'degradation',
  'restarts',
  'landscapes',
  'tricks',
  'history',
  'signal-propagation',
];

const words = (text: string) => text.split(/\s+/).filter((w) => w.length > 0).length;
const body = (id: string) => findLesson(id)?.body ?? '';

/** Sentences of a text: split at a full stop or question mark before a capital, and at line ends. */
const sentencesOf = (text: string) => text.split(/(?<=[.?!])\s+(?=[A-Z*])|\n+/);

/** True when a text names a work the way the lessons do: "Judd (1988", "Kingma & Ba 2015". */
function names(text: string, source: { short: string }): boolean {
  const name = source.short.replace(/\s*\(.*$/, '');
  const year = /\d{4}/.exec(source.short)?.[0] ?? '';
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped},? \\(?[^)]{0,10}?${year}`).test(text);
}

/** The README's opening paragraph, what a visitor reads first: the first after the title and badges. */
function readmeOpening(): string {
  const lines = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n');
  const prose = (line: string) => line.trim() !== '' && !/^\s*(#|!\[|\[!\[|<)/.test(line);
  const start = lines.findIndex(prose);
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** [lesson, what must be said, how its text says it]. */
const PRECISE_STATEMENTS: [string, string, RegExp][] = [
  ['convex-neuron', 'gradient descent needs a small enough step', /small enough step/],
  ['convex-neuron', 'only if a minimizer exists', /if a minimizer exists/],
  [
    'convex-neuron',
    'separable data: no minimizer, loss tends to 0',
    /separable data[\s\S]{0,40}no finite weights[\s\S]*?loss only tends to 0/,
  ],
  [
    'convex-neuron',
    'squared error: ⌊n/d⌋^d local minima (Auer et al. 1996)',
    /Auer, Herbster & Warmuth 1996: ⌊n\/d⌋\^d/,
  ],
  [
    'convex-neuron',
    'one sigmoid neuron with squared error is NP-hard (Šíma 2002)',
    /squared error[^.]*NP-hard \(Šíma 2002\)/,
  ],
  [
    'lp-one-layer',
    'LP holds for exact separation and the hinge loss',
    /exact separation and for the hinge loss, which an LP minimizes/,
  ],
  [
    'lp-one-layer',
    'the logistic loss is convex but no LP',
    /logistic loss is convex but not linear, so it is no LP/,
  ],
  [
    'lp-one-layer',
    'fewest errors is NP-hard (Johnson & Preparata; Höffgen et al.)',
    /fewest errors[^.]*NP-hard \(Johnson & Preparata 1978; Höffgen, Simon & Van Horn 1995\)/,
  ],
  [
    'lp-one-layer',
    'overlap is not "needs a hidden layer"',
    /Overlap is not the same as needing a hidden layer/,
  ],
  ['np-hard', 'what the article claims, as the article', /article says[^.]*two or more layers/],
  [
    'np-hard',
    'Judd: loading, architecture part of the input, NP-complete',
    /Judd \(1988; book 1990\)[\s\S]*loading problem[^.]*architecture is part of the input[\s\S]*NP-complete/,
  ],
  ['np-hard', "two thirds: the article's account of Judd", /article reports, after Judd, [^.]*two thirds/],
  [
    'np-hard',
    'Blum & Rivest: 3 threshold nodes, AND-like output, n inputs',
    /Blum & Rivest \(NIPS 1988; Neural Networks 1992\)[^.]*three threshold nodes[^.]*AND-like output, with n inputs/,
  ],
  ['np-hard', 'hardness grows with the input dimension', /hardness grows with the \*\*input dimension n\*\*/],
  ['np-hard', 'fixed dimension: polynomial by enumeration', /fixed dimension[^.]*polynomial by enumerating/],
  ['np-hard', 'a larger network can be easier', /larger network can be \*easier\*/],
  [
    'np-hard',
    'worst case; says nothing about gradient descent on a toy set',
    /worst case[\s\S]*does not predict what gradient descent does/,
  ],
  [
    'hardness-and-depth',
    'one unit vs particular hidden-layer nets in the worst case, no grading of depth',
    /separate \*\*one unit\*\*[^.]*from particular networks \*\*with a hidden layer\*\*[^.]*worst case[^.]*Judd 1988[^.]*input dimension[^.]*Blum & Rivest 1992[\s\S]*do not compare 8 layers with 16/,
  ],
  ['hardness-and-depth', 'deep nets: Šíma 1994', /Šíma \(1994\)[^.]*deep[^.]*NP-complete/],
  [
    'hardness-and-depth',
    'depth sweeps are empirical, not evidence of NP-hardness',
    /\*\*empirical\*\* phenomenon[\s\S]*not evidence of NP-hardness/,
  ],
  [
    'consequence',
    'simple models have proofs, deep nets no certificate',
    /proofs that an optimizer reaches the best model[\s\S]*no such certificate/,
  ],
  [
    'consequence',
    'exact fitting is NP-complete for an architecture given as input or a 3-node net as n grows',
    /fits its training set exactly is NP-complete[^.]*architecture is part of the input \(Judd 1988\)[^.]*3-node threshold net as the input dimension grows \(Blum & Rivest 1992\)/,
  ],
  [
    'consequence',
    'fixed network, fixed dimension: polynomial',
    /fixed threshold network in a fixed input dimension it is polynomial/,
  ],
  [
    'vanishing-gradients',
    'Glorot & Bengio: sigmoid saturates the top hidden layer (Fig. 2)',
    /Sigmoid networks drove their \*top\* hidden layer into saturation[^.]*\(their Fig\. 2\)/,
  ],
  [
    'vanishing-gradients',
    'Glorot & Bengio: gradients shrink toward the input in tanh nets (Fig. 7)',
    /in tanh networks, back-propagated gradients shrank from the output toward the input \(their Fig\. 7\)/,
  ],
  [
    'vanishing-gradients',
    'ln 2 for cross-entropy, 0.25 for squared error',
    /ln 2 ≈ 0\.693 with cross-entropy, 0\.25 with squared error/,
  ],
  [
    'restarts',
    'a spread counts only once the runs stopped improving',
    /only if every run has \*stopped improving\*/,
  ],
  [
    'degradation',
    'He et al. checked gradient norms; BN guarantees nothing at init',
    /\*checked\* that the backward gradients had healthy norms; normalization alone does not guarantee that at initialization/,
  ],
  [
    'tricks',
    'ReLU: Nair & Hinton 2010; Glorot, Bordes & Bengio 2011',
    /ReLU\*\* \(Nair & Hinton 2010; Glorot, Bordes & Bengio 2011\)/,
  ],
  ['tricks', 'He initialization: He et al. 2015', /He et al\. \(2015\) for ReLU/],
  [
    'tricks',
    'orthogonal init: Saxe, McClelland & Ganguli 2014',
    /orthogonal[^.]*\(Saxe, McClelland & Ganguli 2014\)/,
  ],
  [
    'tricks',
    'normalization: Ioffe & Szegedy 2015; Ba, Kiros & Hinton 2016',
    /Ioffe & Szegedy 2015\)[^.]*Ba, Kiros & Hinton 2016/,
  ],
  ['tricks', 'Adam: Kingma & Ba 2015', /Adam\*\* \(Kingma & Ba 2015\)/],
  [
    'tricks',
    'He et al. 2016: the identity is easy to represent; scaling the branches is later work',
    /Residual connections\*\* \(He et al\. 2016\) make the identity easy to \*represent\*[^\n]*Scaling each branch down at initialization[^\n]*came later \(Zhang, Dauphin & Ma 2019; Hayou et al\. 2021\)/,
  ],
  [
    'history',
    'hard optimization is one reason, 1990s to early 2000s',
    /1990s and the early 2000s[\s\S]*Hard optimization is one reason/,
  ],
  [
    'history',
    'universal approximation: Cybenko 1989; Hornik 1989',
    /approximate any continuous function[^.]*\(Cybenko 1989; Hornik, Stinchcombe & White 1989\)/,
  ],
  [
    'history',
    'no bad local minima for linear nets: Baldi & Hornik 1989',
    /linear network[^.]*no local minima other than the global one \(Baldi & Hornik 1989\)/,
  ],
];

/** [the imprecise claim, a sentence stating it, what in the same sentence makes it precise]. */
const IMPRECISE: [string, RegExp, RegExp][] = [
  ['two or more layers are NP-hard', /\b(two|2) (or more )?layers|two layers and up/i, /\barticle\b/i],
  [
    'a hidden layer / depth makes training NP-hard',
    /(depth|deeper|hidden layer|layers)[^.]*NP-(hard|complete)/i,
    /worst case|article|exact|theorem|Judd|Blum|Šíma|loading|fewest|one unit|not evidence/i,
  ],
  [
    'every start ends at the same loss',
    /(every|all)[^.]*(start|restart|run)s?[^.]*same (best )?loss/i,
    /minimizer|\?$/,
  ],
  ['one layer is a linear program', /one layer is a linear program/i, /separat|exact/i],
  ['stuck near ln 2', /ln 2/, /cross-entropy|ln 2 =/],
  [
    'batch norm keeps gradients healthy',
    /normali[sz]ation[^.]*keeps[^.]*gradient/i,
    /checked|does not guarantee/,
  ],
  ['He initialization from 2016', /He initiali[sz]ation[^.]*2016|He et al\.? \(?2016\)? for ReLU/i, /$^/],
  [
    'He et al. 2016 scaled the branches or started blocks near the identity',
    /He et al\.? \(?2016\)?[^.]*(scal|start[^.]*near the identity)/i,
    /$^/,
  ],
  ['NP-hard once there is a hidden layer', /once there is a hidden layer/i, /$^/],
  [
    'the logistic loss is an LP',
    /logistic[^.]*\bLP\b|\bLP\b[^.]*logistic|convex surrogate/i,
    /no LP|not an? (LP|linear program)/i,
  ],
  [
    'Glorot & Bengio: sigmoid gradients shrink toward the input',
    /sigmoid[^.]*back-propagated|back-propagated[^.]*sigmoid/i,
    /$^/,
  ],
  [
    'the tricks remove the depth trend',
    /\bremoves?\b[^.]*\btrend\b|(ReLU|Adam)[^.]*\bremoves?\b/i,
    /largely|not always/i,
  ],
];

describe('lessons', () => {
  it('cover every required topic, once each', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const topic of REQUIRED_TOPICS) expect(findLesson(topic), topic).toBeDefined();
  });

  it('cite at least one of the syllabus sources, by full reference', () => {
    const references = new Set(SOURCES.map((s) => s.reference));
    for (const lesson of LESSONS) {
      expect(lesson.citations.length, lesson.id).toBeGreaterThan(0);
      for (const citation of lesson.citations) expect(references.has(citation), citation).toBe(true);
    }
  });

  it('list the syllabus works with authors, years and venues', () => {
    for (const source of SOURCES) expect(source.reference).toMatch(/\b(19|20)\d\d\b/);
    const keys = SOURCES.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const all = SOURCES.map((s) => s.reference).join(' ');
    for (const work of [
      /Judd, "On the complexity of loading shallow neural networks", Journal of Complexity .*1988; .*MIT Press, 1990/,
      /Blum, R\. L\. Rivest, "Training a 3-node neural network is NP-complete", NIPS 1988; Neural Networks 5\(1\), 1992/,
      /Šíma, "Loading deep networks is hard", Neural Computation .*1994/,
      /Šíma, "Training a single sigmoidal neuron is hard", Neural Computation .*2002/,
      /Johnson, F\. P\. Preparata, "The densest hemisphere problem".*1978/,
      /Höffgen, H\. U\. Simon, K\. S\. Van Horn.*1995/,
      /Auer, M\. Herbster, M\. K\. Warmuth, "Exponentially many local minima for single neurons".*1996/,
      /He, X\. Zhang, S\. Ren, J\. Sun, "Delving deep into rectifiers.*ICCV 2015/,
      /He, X\. Zhang, S\. Ren, J\. Sun, "Deep residual learning.*CVPR 2016/,
      /Nair, G\. E\. Hinton.*ICML 2010/,
      /Glorot, A\. Bordes, Y\. Bengio.*AISTATS 2011/,
      /Ioffe, C\. Szegedy.*2015/,
      /Ba, J\. R\. Kiros, G\. E\. Hinton, "Layer normalization".*2016/,
      /Kingma, J\. Ba, "Adam.*ICLR 2015/,
      /Saxe, J\. L\. McClelland, S\. Ganguli.*ICLR 2014/,
      /Cybenko.*1989/,
      /Hornik, M\. Stinchcombe, H\. White.*1989/,
      /Baldi, K\. Hornik.*1989/,
      /Glorot, Y\. Bengio.*AISTATS 2010/,
      /Li, Z\. Xu.*NeurIPS 2018/,
      /Goodfellow, O\. Vinyals, A\. M\. Saxe.*ICLR 2015/,
      /Poole.*2016/,
      /Schoenholz.*2017/,
    ]) {
      expect(all).toMatch(work);
    }
  });

  it('are chat-sized: a one-line summary and an 80-200 word body in plain markdown', () => {
    for (const lesson of LESSONS) {
      expect(lesson.summary, lesson.id).not.toContain('\n');
      expect(lesson.summary.length, lesson.id).toBeLessThanOrEqual(150);
      expect(words(lesson.body), lesson.id).toBeGreaterThanOrEqual(80);
      expect(words(lesson.body), lesson.id).toBeLessThanOrEqual(200);
      // No HTML and no tables: Discord and Slack render neither.
      expect(lesson.body, lesson.id).not.toMatch(/<[a-z/][^>]*>|^\s*\|/im);
    }
  });

  it('name a demonstration command that parses and validates against the engine limits', () => {
    for (const lesson of LESSONS) {
      const match = /^\/(\w+)\s*(.*)$/.exec(lesson.command);
      expect(match, lesson.command).not.toBeNull();
      const name = match?.[1] as ExperimentName;
      expect(EXPERIMENTS, lesson.command).toContain(name);
      const parsed = parseOptionText(match?.[2] ?? '', SPEC_FIELDS[name] as Record<string, Field>);
      expect(parsed, lesson.command).toMatchObject({ ok: true });
      if (!parsed.ok) continue;
      expect(validateSpec({ experiment: name, ...parsed.values }), lesson.command).toMatchObject({
        ok: true,
      });
    }
  });

  it('carry the facts the syllabus asks for, attributed by author and year', () => {
    expect(body('convex-neuron')).toMatch(/squared error/);
    expect(body('lp-one-layer')).toMatch(/XOR/);
    expect(body('lp-one-layer')).toMatch(/hidden layer/);
    expect(body('consequence')).toMatch(/support vector machines/);
    expect(body('vanishing-gradients')).toContain('Glorot & Bengio (2010)');
    expect(body('degradation')).toMatch(/He, Zhang, Ren & Sun \(2016\)/);
    expect(body('degradation')).toMatch(/residual connections/);
    expect(body('landscapes')).toMatch(/Li, Xu, Taylor, Studer & Goldstein \(2018\)/);
    expect(body('landscapes')).toMatch(/Goodfellow, Vinyals & Saxe \(2015\)/);
    expect(body('tricks')).toContain('GPUs');
  });

  // Each statement below is one the article simplifies; removing its precise form fails here.
  for (const [id, statement, pattern] of PRECISE_STATEMENTS) {
    it(`state precisely (${id}): ${statement}`, () => {
      expect(body(id)).toMatch(pattern);
    });
  }

  it('cite, under each lesson, every work its text names', () => {
    for (const lesson of LESSONS) {
      const cited = lesson.citations.join(' ');
      for (const source of SOURCES) {
        if (names(lesson.body, source))
          expect(cited, `${lesson.id} names ${source.short}`).toContain(source.reference);
      }
    }
    expect(body('history')).toMatch(/1990s/);
    expect(body('signal-propagation')).toContain('Schoenholz et al. (2017)');
    expect(body('signal-propagation')).toMatch(/Saxe, McClelland & Ganguli \(2014\)/);
    expect(body('signal-propagation')).toMatch(/1\.76/);
  });

  it('never state the imprecise forms', () => {
    const texts = [
      ...LESSONS.flatMap((l) => [l.title, l.summary, l.body].map((text) => ({ where: l.id, text }))),
      ...LESSON_PLAN.map((step) => ({ where: step.command, text: step.title })),
      { where: 'README opening', text: readmeOpening() },
    ];
    for (const { where, text } of texts) {
      for (const sentence of sentencesOf(text)) {
        for (const [claim, pattern, unless] of IMPRECISE) {
          if (pattern.test(sentence) && !unless.test(sentence)) {
            expect.fail(`${where} says "${claim}" without its qualification: ${sentence}`);
          }
        }
      }
    }
  });

  it('open the README with the narrower theorems, cited, and say they do not grade depth', () => {
    const opening = readmeOpening().replace(/\s+/g, ' ');
    for (const phrase of [
      'Johnson & Preparata 1978',
      'Judd',
      '1988',
      'Blum & Rivest',
      '1992',
      'input dimension',
      'do not grade depth',
    ]) {
      expect(opening, phrase).toContain(phrase);
    }
  });

  it('keep depth sweeps and gradient descent apart from the NP-hardness lesson', () => {
    for (const step of LESSON_PLAN) {
      if (/compare|restarts|train/.test(step.command))
        expect(step.lessonId, step.command).not.toBe('np-hard');
    }
    expect(findLesson('np-hard')?.command).not.toMatch(/^\/(compare|restarts|train)\b/);
  });

  it('title the NP-hardness lesson by what the theorems state, not by "a hidden layer"', () => {
    const title = findLesson('np-hard')?.title ?? '';
    expect(title).toMatch(/NP-complete in the worst case/);
    expect(title).not.toMatch(/hidden layer/i);
  });

  it('say in the README opening that the tricks largely remove the trend, and where they do not', () => {
    const opening = readmeOpening().replace(/\s+/g, ' ');
    expect(opening).toMatch(/largely remove/);
    expect(opening).toMatch(/spiral[^.]*depth-24[^.]*0\.69/);
  });

  it('demonstrate the NP-hardness lesson with exact training, in the button and in the plan', () => {
    expect(findLesson('np-hard')?.command).toBe('/hardness');
    expect(LESSON_PLAN.find((step) => step.command === '/hardness')?.lessonId).toBe('np-hard');
  });
});
