import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { didYouMean, editDistance } from '../../src/bot/did-you-mean.js';
import { silentLogger } from '../../src/bot/logger.js';
import { createTutorServices } from '../../src/bot/tutor-services.js';
import { createFakeAdapter, replyText } from './fake-adapter.js';

/* Typos forgiven: the bot core names the command, option or value that was probably meant. */

// No experiment runs here: every request below is answered before any job would start.
const unused = {
  backend: 'none',
  run: () => Promise.reject(new Error('no experiment should run in these tests')),
};
const { services } = createTutorServices({
  engine: unused as never,
  logger: silentLogger,
  charts: { kind: 'local' },
  concurrency: 1,
});
const adapter = createFakeAdapter(createBot({ services, logger: silentLogger }));
const answer = async (line: string) => replyText(await adapter.send('ada', line).done);

describe('didYouMean', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('trian', 'train')).toBe(1);
    expect(editDistance('depht', 'depth')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('guesses within a typo, and not beyond or between equals', () => {
    expect(didYouMean('trian', ['train', 'compare', 'status'])).toBe('train');
    expect(didYouMean('learning_rat', ['learningRate', 'depth'])).toBe('learningRate');
    expect(didYouMean('vanish', ['vanishing-gradients', 'history'])).toBe('vanishing-gradients');
    expect(didYouMean('quantum', ['train', 'compare'])).toBeUndefined();
    // "cat" is one edit from both: no guess rather than a coin toss.
    expect(didYouMean('cat', ['bat', 'hat'])).toBeUndefined();
  });
});

describe('the bot core suggests what was meant', () => {
  it('for a command', async () => {
    expect(await answer('/trian depth:8')).toMatch(/There is no command "\/trian"\. Did you mean \/train\?/);
    expect(await answer('/zzzzzz')).not.toMatch(/Did you mean/);
  });

  it('for an option name, spelt either way', async () => {
    expect(await answer('/train depht:8')).toMatch(/unknown option "depht"; Did you mean depth\?/);
    expect(await answer('/train learning_rat:0.1')).toMatch(/Did you mean learning_rate\?/);
  });

  it('for an option value, and for one item of a list', async () => {
    expect(await answer('/train activation:rleu')).toMatch(/did you mean activation:relu\?/);
    expect(await answer('/restarts architectures:neuron,deeep')).toMatch(
      /did you mean architectures:neuron,deep\?/,
    );
    expect(await answer('/train activation:banana')).not.toMatch(/did you mean/);
  });

  it('for a help topic and a lesson topic', async () => {
    expect(await answer('/help trian')).toMatch(/Did you mean `\/help train`\?/);
    const lesson = await answer('/explain vanishing-gradiants');
    expect(lesson).toMatch(/Showing `vanishing-gradients`/);
  });

  it('/explain reads a term or alias as the lesson that treats it, and names the others', async () => {
    const text = await answer('/explain batchnorm');
    expect(text).toMatch(/Tricks that make depth trainable/);
    expect(text).toMatch(/also comes up in .*\/explain degradation/);
  });

  it('/ask lists the closest lessons instead of quoting a weak match', async () => {
    const text = await answer('/ask how does a dropout layer regularize convolution kernels');
    expect(text).toMatch(/I don't have a good answer to that/);
    expect(text).toMatch(/The closest lessons:\n• \*.+\* \(`\/explain [a-z-]+`\)/);
  });
});
