import { describe, expect, it } from 'vitest';
import { findLesson, LESSONS, SOURCES } from '../../src/bot/lessons/index.js';
import { parseOptionText } from '../../src/bot/options/parse-text.js';
import type { Field } from '../../src/engine/fields.js';
import { EXPERIMENTS, type ExperimentName, SPEC_FIELDS } from '../../src/engine/spec.js';
import { validateSpec } from '../../src/engine/validate.js';

/** The topics the syllabus requires (SUBJECT.md), spelled out so removing one fails here. */
const REQUIRED_TOPICS = [
  'convex-neuron',
  'lp-one-layer',
  'np-hard',
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

  it('list the syllabus works with authors and years', () => {
    expect(SOURCES).toHaveLength(10);
    for (const source of SOURCES) expect(source.reference).toMatch(/\b(19|20)\d\d\b/);
    const all = SOURCES.map((s) => s.reference).join(' ');
    for (const name of [
      'Judd',
      'Blum',
      'Auer',
      'Glorot',
      'He',
      'Li',
      'Goodfellow',
      'Saxe',
      'Poole',
      'Schoenholz',
    ])
      expect(all).toContain(name);
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
    const body = (id: string) => findLesson(id)?.body ?? '';
    expect(body('convex-neuron')).toContain('Auer, Herbster & Warmuth (1995)');
    expect(body('convex-neuron')).toMatch(/squared error/);
    expect(body('lp-one-layer')).toMatch(/XOR/);
    expect(body('lp-one-layer')).toMatch(/hidden layer/);
    expect(body('np-hard')).toMatch(/Judd \(1988\)/);
    expect(body('np-hard')).toMatch(/two thirds/);
    expect(body('np-hard')).toMatch(/reports/);
    expect(body('np-hard')).toMatch(/3-node network/);
    expect(body('consequence')).toMatch(/support vector machines/);
    expect(body('vanishing-gradients')).toContain('Glorot & Bengio (2010)');
    expect(body('degradation')).toMatch(/He, Zhang, Ren & Sun \(2016\)/);
    expect(body('degradation')).toMatch(/residual connections/);
    expect(body('landscapes')).toMatch(/Li, Xu, Taylor, Studer & Goldstein \(2018\)/);
    expect(body('landscapes')).toMatch(/Goodfellow, Vinyals & Saxe \(2015\)/);
    for (const trick of ['ReLU', 'initialization', 'Normalization', 'Residual', 'Adam', 'GPUs']) {
      expect(body('tricks')).toContain(trick);
    }
    expect(body('history')).toMatch(/1990s/);
    expect(body('signal-propagation')).toContain('Schoenholz et al. (2017)');
    expect(body('signal-propagation')).toMatch(/Saxe, McClelland & Ganguli \(2014\)/);
    expect(body('signal-propagation')).toMatch(/1\.76/);
  });
});
