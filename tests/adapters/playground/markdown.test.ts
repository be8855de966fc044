import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline } from '../../../src/adapters/playground/web/markdown.js';

describe('light markdown for replies', () => {
  it('finds bold, italics and inline code, leaving the rest as text', () => {
    expect(parseInline('Why: *Vanishing gradients* — `/explain vanishing-gradients`')).toEqual([
      { style: 'text', text: 'Why: ' },
      { style: 'bold', text: 'Vanishing gradients' },
      { style: 'text', text: ' — ' },
      { style: 'code', text: '/explain vanishing-gradients' },
    ]);
    expect(parseInline('**strong** and _slanted_')).toEqual([
      { style: 'bold', text: 'strong' },
      { style: 'text', text: ' and ' },
      { style: 'italic', text: 'slanted' },
    ]);
  });

  it('keeps stars and underscores that are not markup', () => {
    for (const text of ['2*3*4 = 24', 'snake_case_name', 'a * b * c', 'learning_rate and _x', '*unclosed']) {
      expect(parseInline(text), text).toEqual([{ style: 'text', text }]);
    }
    expect(parseInline('`*not bold*`')).toEqual([{ style: 'code', text: '*not bold*' }]);
  });

  it('treats HTML as text to show, not markup', () => {
    const text = '<img src=x onerror="alert(1)"> <b>bold?</b>';
    expect(parseInline(text)).toEqual([{ style: 'text', text }]);
  });

  it('splits blocks into paragraphs (keeping line breaks) and bullet lists', () => {
    const blocks = parseBlocks('First line\nsecond line\n\n• `depth`: layers\n- width: units\n\nAfter');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'paragraph']);
    const [paragraph, list] = blocks;
    expect(paragraph?.kind === 'paragraph' && paragraph.lines.length).toBe(2);
    expect(list?.kind === 'list' && list.items).toEqual([
      [
        { style: 'code', text: 'depth' },
        { style: 'text', text: ': layers' },
      ],
      [{ style: 'text', text: 'width: units' }],
    ]);
    // A star that opens bold text at the start of a line is not a bullet.
    expect(parseBlocks('*Sources:* Glorot & Bengio (2010)')[0]?.kind).toBe('paragraph');
  });
});
