import { describe, expect, it } from 'vitest';
import {
  chartsAreLinked,
  echoMessage,
  privateMessage,
  progressBar,
  replyMessage,
  statusMessage,
  stoppedMessage,
} from '../../../src/adapters/slack/blocks.js';
import {
  botCommandFor,
  slackCommandFor,
  withSlackCommandNames,
} from '../../../src/adapters/slack/command-names.js';
import { splitText, toMrkdwn, toPlainText } from '../../../src/adapters/slack/mrkdwn.js';
import { toBotRequest, toButtonPress } from '../../../src/adapters/slack/translate.js';
import { describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import { experimentHeadline } from '../../../src/bot/replies/experiment-reply.js';
import type { Reply } from '../../../src/bot/types.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { LONGEST_SPECS } from '../../bot/replies/longest-spec.js';
import { blocksOf, buttonsOf, textOf } from './inspect.js';

const reply = (over: Partial<Reply> = {}): Reply => ({
  visibility: 'public',
  headline: 'Training run: depth 8',
  blocks: ['The loss **stalled** at ln 2 < 0.7 & did not move.', '- first\n- second'],
  fields: [{ label: 'Repeat it', value: '`/train depth:8`' }],
  images: [],
  buttons: [
    { id: 'dt1:train depth:16', label: 'Go deeper', style: 'primary' },
    { id: 'dt1:compare', label: 'Compare depths', style: 'secondary' },
  ],
  ...over,
});

describe('Slack text', () => {
  it('escapes control characters, turns **bold** into Slack bold and dashes into bullets', () => {
    expect(toMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(toMrkdwn('**big** and *also*')).toBe('*big* and *also*');
    expect(toMrkdwn('- one\n  - two\nnot-a-bullet')).toBe('• one\n  • two\nnot-a-bullet');
  });

  it('renames the reserved commands in running text but not inside paths or other words', () => {
    expect(withSlackCommandNames('Details: `/help train`, (/status) and /cancel 7f')).toBe(
      'Details: `/tutor-help train`, (/tutor-status) and /tutor-cancel 7f',
    );
    expect(withSlackCommandNames('see https://x.org/help and /helpful or /train')).toBe(
      'see https://x.org/help and /helpful or /train',
    );
    expect(slackCommandFor('help')).toBe('/tutor-help');
    expect(botCommandFor('/tutor-status')).toBe('status');
    expect(botCommandFor('/train')).toBe('train');
  });

  it('strips markup from plain text and cuts it with an ellipsis', () => {
    expect(toPlainText('**Bold** and _it_ here', 100)).toBe('Bold and it here');
    expect(toPlainText('x'.repeat(200), 150)).toHaveLength(150);
    expect(toPlainText('x'.repeat(200), 150).endsWith('…')).toBe(true);
  });

  it('splits long text at line breaks into pieces within the limit', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${'y'.repeat(50)}`).join('\n');
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
    expect(pieces.join('\n')).toBe(text);
  });
});

describe('Block Kit replies', () => {
  it('lays out an answer as header, sections, context and buttons that carry their ids', () => {
    const message = replyMessage(reply(), '2 charts below');
    expect(blocksOf(message).map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'context',
      'actions',
    ]);
    expect(message.text).toBe('Training run: depth 8');
    expect(textOf(message)).toContain('The loss *stalled* at ln 2 &lt; 0.7 &amp; did not move.');
    expect(textOf(message)).toContain('*Repeat it:* `/train depth:8`');
    expect(buttonsOf(message)).toEqual(['dt1:train depth:16', 'dt1:compare']);
    const [primary, secondary] = blocksOf(message).at(-1)!.elements!;
    expect(primary!.style).toBe('primary');
    expect(secondary!.style).toBeUndefined();
  });

  it('keeps Slack limits: header 150 characters, sections 3000, 50 blocks', () => {
    const long = replyMessage(
      reply({ headline: 'h'.repeat(400), blocks: Array.from({ length: 80 }, () => 'z'.repeat(4000)) }),
    );
    const blocks = blocksOf(long);
    expect(blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
    expect(blocks.at(-1)!.type).toBe('actions');
  });

  it('shows every option of each experiment’s longest spec: the short header, then the rest of the headline whole', () => {
    for (const spec of LONGEST_SPECS) {
      const heading = experimentHeadline(spec);
      const [header, lead] = blocksOf(replyMessage(reply(heading)));
      expect(header!.type).toBe('header');
      expect(header!.text!.text).toBe(heading.shortHeadline);
      expect(lead).toEqual({ type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(describeSpec(spec)) } });
      for (const part of describeParts(spec)) expect(lead!.text!.text, spec.experiment).toContain(part.text);
    }
  });

  it('keeps a headline that fits whole in the header, with nothing repeated under it', () => {
    const checked = validateSpec({ experiment: 'train', depth: 8, residual: true });
    if (!checked.ok) throw new Error('the spec should validate');
    const heading = experimentHeadline(checked.spec);
    const blocks = blocksOf(replyMessage(reply(heading)));
    expect(blocks[0]!.text!.text).toBe('Training run: depth 8 · residual · 3 seeds · moons data');
    expect(blocks[1]!.text!.text).toBe('The loss *stalled* at ln 2 &lt; 0.7 &amp; did not move.');
  });

  it('cuts a long headline without a short form in the header only, and shows it whole under it', () => {
    const headline = `Quiz #3: ${'why '.repeat(40)}?`;
    const [header, lead] = blocksOf(replyMessage(reply({ headline })));
    expect(header!.text!.text).toBe(`${headline.slice(0, 149)}…`);
    expect(lead!.text!.text).toBe(headline);
  });

  it('writes private notes compactly, headline in bold, with Slack command names', () => {
    const note = privateMessage(
      reply({
        visibility: 'private',
        headline: 'depth-tutor',
        blocks: ['Details: `/help train`'],
        fields: [],
        buttons: [],
      }),
    );
    expect(blocksOf(note).map((b) => b.type)).toEqual(['section']);
    expect(textOf(note)).toBe('*depth-tutor*\n\nDetails: `/tutor-help train`');
  });

  it('shows progress in the status message and strikes it through when the run stops privately', () => {
    expect(progressBar(40)).toBe('▓▓▓▓░░░░░░ 40%');
    expect(progressBar(250)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    const unit = {
      index: 7,
      count: 20,
      label: 'cell 7 of 20: depth 8, σ_w² 1.76',
      step: 180,
      steps: 300,
      loss: Math.LN2,
    };
    const status = statusMessage({
      summary: 'depth 8',
      userId: 'U1',
      invocation: '/train depth:8',
      progress: { kind: 'running', percent: 55, loss: Math.LN2, unit },
      cancelButton: { id: 'dt1:cancel j1', label: 'Cancel', style: 'danger' },
    });
    expect(textOf(status)).toContain(
      '<@U1> ran `/train depth:8` · ▓▓▓▓▓▓░░░░ 55% · running · cell 7 of 20: depth 8, σ_w² 1.76, step 180 of 300, loss 0.693',
    );
    expect(buttonsOf(status)).toEqual(['dt1:cancel j1']);
    const queued = statusMessage({
      summary: 's',
      userId: 'U1',
      invocation: '/x',
      progress: { kind: 'queued', position: 3 },
    });
    expect(textOf(queued)).toContain('· queued #3');
    const done = statusMessage({ summary: 's', userId: 'U1', invocation: '/x', progress: { kind: 'done' } });
    expect(textOf(done)).toMatch(/· done$/);
    const stopped = stoppedMessage('depth 8', 'U1');
    expect(stopped.text).toBe('Stopped: depth 8');
    expect(buttonsOf(stopped)).toEqual([]);
    expect(echoMessage('depth 8', true).text).toBe('Accepted: depth 8');
  });

  it('turns a slash command into a neutral request with the bot’s command name, the raw text and the verdicts', () => {
    const body = {
      command: '/tutor-help',
      text: '  train ',
      user_id: 'U1',
      user_name: 'ada',
      channel_id: 'C1',
      team_id: 'T1',
    };
    expect(toBotRequest(body, true, 'r1')).toEqual({
      platform: 'slack',
      requestId: 'r1',
      user: { id: 'U1', name: 'ada', teacher: true },
      conversation: 'C1',
      server: 'T1',
      command: 'help',
      options: { kind: 'text', text: 'train' },
    });
    const press = toButtonPress(
      { actionId: 'dt1:train depth:4', user: { id: 'U2' }, channel: 'C1' },
      false,
      'r2',
    );
    expect(press).toEqual({
      platform: 'slack',
      requestId: 'r2',
      user: { id: 'U2', teacher: false },
      conversation: 'C1',
      buttonId: 'dt1:train depth:4',
    });
  });
});

describe('charts on a public QuickChart', () => {
  const png = Buffer.from('png bytes');
  const linked = reply({
    images: [
      { name: 'loss-curves.png', png, alt: 'Loss per step', url: 'https://quickchart.io/chart/render/sf-1' },
      {
        name: 'gradient-norms.png',
        png,
        alt: 'Gradient per layer',
        url: 'https://quickchart.io/chart/render/sf-2',
      },
    ],
  });

  it('shows charts that have public URLs as image blocks, with their alt text', () => {
    const images = replyMessage(linked).blocks.filter((b) => b.type === 'image');
    expect(images).toEqual([
      expect.objectContaining({
        image_url: 'https://quickchart.io/chart/render/sf-1',
        alt_text: 'Loss per step',
      }),
      expect.objectContaining({
        image_url: 'https://quickchart.io/chart/render/sf-2',
        alt_text: 'Gradient per layer',
      }),
    ]);
    expect(chartsAreLinked(linked)).toBe(true);
  });

  it('uploads instead when any chart lacks a URL', () => {
    const mixed = reply({ images: [linked.images[0]!, { name: 'b.png', png, alt: 'b' }] });
    expect(chartsAreLinked(mixed)).toBe(false);
    expect(replyMessage(mixed).blocks.some((b) => b.type === 'image')).toBe(false);
  });
});
