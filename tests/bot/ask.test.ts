import { describe, expect, it } from 'vitest';
import { splitArticle } from '../../src/bot/ask/article.js';
import { createLessonSearch } from '../../src/bot/ask/index.js';
import { MAX_PASSAGE_CHARS, trimToSentence } from '../../src/bot/ask/passage.js';
import { LESSONS } from '../../src/bot/lessons/index.js';

const ARTICLE = `# Notes for Thursday's class

Bring laptops; we run the tutor together.

## Choosing a learning rate schedule

Start with a constant learning rate, then decay it by a factor of ten whenever the training loss
plateaus. A warm-up of a few hundred steps helps large batches. Cosine schedules decay smoothly
to zero and need no plateau detection.

## Residual connections

Skip connections add the block's input to its output.

\`\`\`sh
# not a heading: a comment inside a code block
npx depth-tutor compare residual:true
\`\`\`
`;

const lessonsOnly = createLessonSearch({ lessons: LESSONS });
const withArticle = createLessonSearch({
  lessons: LESSONS,
  article: { markdown: ARTICLE, name: 'notes.md' },
});

describe('ask over the lessons', () => {
  it('answers "why is depth hard?" from the lesson that tells the theorems from the depth trend', () => {
    // The question is the thesis itself; the honest answer says what the NP-hardness theorems
    // cover (one unit vs a hidden layer), that they do not grade depth, and what does.
    const answer = lessonsOnly.ask('why is depth hard?');
    expect(answer?.source).toEqual({ source: 'lesson', lessonId: 'hardness-and-depth' });
    expect(answer?.title).toBe(LESSONS.find((l) => l.id === 'hardness-and-depth')?.title);
    expect(answer?.passage).toMatch(/NP-hardness theorems/);
    expect(answer?.passage).toMatch(/vanishing gradients/);
  });

  it('defines a term first when asked what it is, and names the lesson that goes further', () => {
    const np = lessonsOnly.ask('what is NP-hard?');
    expect(np?.source).toEqual({ source: 'lesson', lessonId: 'np-hard' });
    expect(np?.passage).toMatch(/^A problem is NP-hard when/);
    expect(np?.term).toBe('NP-hard');
    // "he" is a name here, not a stop word.
    const he = lessonsOnly.ask('what does He init do?');
    expect(he?.source).toEqual({ source: 'lesson', lessonId: 'tricks' });
    expect(he?.passage).toMatch(/He or Kaiming initialization/);
  });

  it('reads synonyms and abbreviations as the terms they stand for', () => {
    const cases: [string, string][] = [
      ['kaiming', 'tricks'],
      ['batchnorm', 'tricks'],
      ['xavier init', 'vanishing-gradients'],
      ['resnet', 'degradation'],
      ['skip connection', 'degradation'],
      ['what is an LP', 'lp-one-layer'],
    ];
    for (const [question, lessonId] of cases) {
      expect(lessonsOnly.ask(question)?.source, question).toEqual({ source: 'lesson', lessonId });
    }
  });

  it('offers the closest lessons, not a quote, when nothing matches surely', () => {
    // Of its topic words only "layer" is in the lessons: one sure term of six is not an answer.
    const weak = 'how does a dropout layer regularize convolution kernels';
    expect(lessonsOnly.ask(weak)).toBeUndefined();
    const closest = lessonsOnly.closest(weak);
    expect(closest.length).toBeGreaterThan(0);
    expect(closest.length).toBeLessThanOrEqual(3);
    expect(lessonsOnly.closest("what's the weather in Paris")).toEqual([]);
  });

  it('names the lesson of a glossary term or alias, exactly', () => {
    expect(lessonsOnly.lessonForTerm('batchnorm')).toBe('tricks');
    expect(lessonsOnly.lessonForTerm('Batch Normalization')).toBe('tricks');
    expect(lessonsOnly.lessonForTerm('ResNet')).toBe('degradation');
    expect(lessonsOnly.lessonForTerm('normalization')).toBeUndefined();
  });

  it('answers questions on the theorems from the NP-hardness lesson', () => {
    for (const question of ['is training NP-hard?', 'what did Blum and Rivest prove?', 'loading problem']) {
      expect(lessonsOnly.ask(question)?.source, question).toEqual({ source: 'lesson', lessonId: 'np-hard' });
    }
    expect(lessonsOnly.ask('what did Blum and Rivest prove?')?.passage).toMatch(/three threshold nodes/);
  });

  it('answers "what is a linear program" from the one-layer LP lesson', () => {
    const answer = lessonsOnly.ask('what is a linear program');
    expect(answer?.source).toEqual({ source: 'lesson', lessonId: 'lp-one-layer' });
    expect(answer?.passage).toMatch(/linear program/);
  });

  it('survives a typo: "vanshing gradients"', () => {
    expect(lessonsOnly.ask('vanshing gradients')?.source).toEqual({
      source: 'lesson',
      lessonId: 'vanishing-gradients',
    });
  });

  it('finds lessons by prefix and by other wordings', () => {
    expect(lessonsOnly.ask('residual conn')?.source).toEqual({ source: 'lesson', lessonId: 'degradation' });
    expect(lessonsOnly.ask('loss landscape pictures')?.source).toEqual({
      source: 'lesson',
      lessonId: 'landscapes',
    });
    expect(lessonsOnly.ask('why did neural nets fall out of favour?')?.source).toEqual({
      source: 'lesson',
      lessonId: 'history',
    });
  });

  it('has nothing on unrelated questions, or on stop words alone', () => {
    expect(lessonsOnly.ask("what's the weather in Paris")).toBeUndefined();
    expect(lessonsOnly.ask('how do I bake sourdough bread?')).toBeUndefined();
    expect(lessonsOnly.ask('what is the best neural network for weather forecasting')).toBeUndefined();
    expect(lessonsOnly.ask('why is it what it is?')).toBeUndefined();
    expect(lessonsOnly.ask('')).toBeUndefined();
  });

  it('returns a passage of a paragraph or two, within the length limit', () => {
    for (const question of ['why is depth hard?', 'adam optimizer relu', 'random restarts spread']) {
      const passage = lessonsOnly.ask(question)?.passage ?? '';
      expect(passage.length, question).toBeGreaterThan(100);
      expect(passage.length, question).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    }
  });

  it('lists every lesson as a topic', () => {
    expect(lessonsOnly.topics().map((t) => t.source)).toEqual(
      LESSONS.map((l) => ({ source: 'lesson', lessonId: l.id })),
    );
  });
});

describe("ask over a teacher's article", () => {
  it('answers from the section that matches better than any lesson', () => {
    const answer = withArticle.ask('how should I schedule the learning rate decay?');
    expect(answer?.source).toEqual({ source: 'article', heading: 'Choosing a learning rate schedule' });
    expect(answer?.title).toBe('Choosing a learning rate schedule');
    expect(answer?.passage).toMatch(/^Start with a constant learning rate/);
  });

  it('still prefers a lesson when the lesson matches better', () => {
    expect(withArticle.ask('what is a linear program')?.source).toEqual({
      source: 'lesson',
      lessonId: 'lp-one-layer',
    });
  });

  it('splits at #, ## and ### headings, but not at comments in code blocks', () => {
    const sections = splitArticle(ARTICLE, 'notes.md');
    expect(sections.map((s) => s.heading)).toEqual([
      "Notes for Thursday's class",
      'Choosing a learning rate schedule',
      'Residual connections',
    ]);
    expect(sections[2]?.text).toMatch(/# not a heading/);
    expect(splitArticle('Intro text.\n\n### Deep\nBody.\n#### Deeper\nStill body.', 'a.md')).toEqual([
      { heading: 'a.md', text: 'Intro text.' },
      { heading: 'Deep', text: 'Body.\n#### Deeper\nStill body.' },
    ]);
  });

  it('lists article sections after the lessons', () => {
    const topics = withArticle.topics();
    expect(topics).toHaveLength(LESSONS.length + 3);
    expect(topics.at(-1)).toEqual({
      title: 'Residual connections',
      source: { source: 'article', heading: 'Residual connections' },
    });
  });
});

describe('trimToSentence', () => {
  it('cuts after the last full sentence that fits, not after "et al."', () => {
    const text = `${'A short sentence. '.repeat(20)}He et al. (2016) showed more. ${'x'.repeat(400)}`;
    const trimmed = trimToSentence(text, 380);
    expect(trimmed.length).toBeLessThanOrEqual(380);
    expect(trimmed).toMatch(/A short sentence\.$/);
    expect(trimmed).toMatch(/\.$/);
    expect(trimmed).not.toMatch(/et al\.$/);
  });

  it('cuts a single overlong sentence at a word, with an ellipsis', () => {
    const trimmed = trimToSentence(`${'word '.repeat(200)}end.`, 100);
    expect(trimmed.length).toBeLessThanOrEqual(100);
    expect(trimmed).toMatch(/word…$/);
  });
});
