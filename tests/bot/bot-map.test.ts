import { describe, expect, it } from 'vitest';
import { useTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

const { shared, finalOf } = useTutor();

describe('/map through the bot', () => {
  it('answers with the heatmap, the mean-field comparison and follow-ups', async () => {
    const line = '/map depths:1,3 values:0.5,3 steps:60 points:32 width:4 learningRate:0.5';
    const { exchange, reply } = await finalOf(line);
    expect(exchange.accepted?.summary).toContain('depths 1, 3 × weight_scale 0.5, 3');
    expect(reply.visibility).toBe('public');
    expect(reply.headline).toMatch(/^Trainability map/);
    expect(reply.images.map((i) => i.name)).toEqual(['trainability-map.png']);
    expect(reply.images[0]!.png.length).toBeGreaterThan(5_000);
    const text = replyText(reply);
    expect(text).toContain('Deepest net whose every seed reached');
    expect(text).toMatch(/It matches \d of 4 cells/);
    expect(text).toContain('/explain signal-propagation');
    expect(text).toContain('/map depths:1,3 values:0.5,3 width:4 learning_rate:0.5 steps:60 points:32');
    expect(reply.buttons.map((b) => b.label)).toEqual([
      'Train the critical net (σ_w² 1.76)',
      'Linear nets: orthogonal vs Gaussian',
      'Map the learning rate',
      'Rerun with new seeds',
    ]);
  });

  it('turns values that do not fit the axis into a private note naming the option', async () => {
    const { reply } = await finalOf('/map axis:activation values:1,2');
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain('values applies to the numeric axes');
    const badNumber = await finalOf('/map values:0.5,abc');
    expect(replyText(badNumber.reply)).toContain('values must be a comma-separated list of 1 to 8 numbers');
  });
});

describe('layers watched over training', () => {
  it('/train view:layers shows the layer charts of the same cached result, with a way back', async () => {
    const options = 'depth:6 width:8 steps:60 points:64 seeds:1 gridSize:0';
    const main = await finalOf(`/train ${options}`);
    expect(main.reply.images.length).toBeLessThanOrEqual(4);
    const layersButton = main.reply.buttons.find((b) => b.label === 'Layers over training');
    expect(layersButton?.id).toContain('view:layers');
    const exchange = shared.tutor.adapter.press('grace', layersButton!);
    const layers = await exchange.done;
    expect(exchange.finals).toHaveLength(1);
    expect(replyText(layers)).toContain('answered from the cache');
    expect(layers.images.map((i) => i.name)).toEqual([
      'saturation-over-training.png',
      'gradients-over-training.png',
      'activations-over-training.png',
    ]);
    expect(layers.buttons.map((b) => b.label)).toContain('Back to the usual charts');
  });

  it('rejects an unknown view, naming the option', async () => {
    const { reply } = await finalOf('/compare view:everything');
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain('view must be one of main, layers');
  });
});
