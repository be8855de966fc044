import { describe, expect, it } from 'vitest';
import { MAX_WORK } from '../../src/engine/limits.js';
import { EXPERIMENTS, SPEC_FIELDS } from '../../src/engine/spec.js';
import { type FieldError, validateSpec } from '../../src/engine/validate.js';
import { estimateWork } from '../../src/engine/work.js';

/** A /train spec at its largest but for `steps`, whose work is linear in the steps. */
function trainAt(steps: number) {
  const checked = validateSpec({ experiment: 'train', depth: 32, width: 64, points: 1000, seeds: 8, steps });
  if (!checked.ok) throw new Error('expected one step to fit');
  return checked.spec;
}

function errorsOf(input: { experiment: string } & Record<string, unknown>): FieldError[] {
  const validation = validateSpec(input);
  if (validation.ok) throw new Error('expected the options to be refused');
  return validation.errors;
}

describe('validateSpec', () => {
  it('fills in every default of every experiment, within the work budget', () => {
    for (const experiment of EXPERIMENTS) {
      const validation = validateSpec({ experiment });
      expect(validation.ok).toBe(true);
      if (!validation.ok) continue;
      for (const [key, field] of Object.entries(SPEC_FIELDS[experiment])) {
        expect((validation.spec as unknown as Record<string, unknown>)[key]).toEqual(field.default);
      }
      expect(estimateWork(validation.spec)).toBeLessThanOrEqual(MAX_WORK);
    }
  });

  it('names an int field and its range: out of range, fractional, or not a number', () => {
    for (const depth of [33, -1, 2.5, '4']) {
      const [error, ...rest] = errorsOf({ experiment: 'train', depth });
      expect(rest).toEqual([]);
      expect(error!.field).toBe('depth');
      expect(error!.message).toContain('depth must be a whole number from 0 to 32');
      expect(error!.message).toContain(`got ${JSON.stringify(depth)}`);
    }
  });

  it('names a number field and its range', () => {
    const [error] = errorsOf({ experiment: 'compare', learningRate: 11 });
    expect(error).toEqual({
      field: 'learningRate',
      message: 'learning_rate must be a number from 0.00001 to 10 (got 11)',
    });
  });

  it('names a choice field and lists its choices', () => {
    const [error] = errorsOf({ experiment: 'train', activation: 'swish' });
    expect(error!.field).toBe('activation');
    expect(error!.message).toContain('one of sigmoid, tanh, relu, linear');
  });

  it('names a list field, its count and its element range', () => {
    const tooMany = errorsOf({ experiment: 'compare', depths: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(tooMany[0]!.field).toBe('depths');
    expect(tooMany[0]!.message).toContain('a comma-separated list of 1 to 8 whole numbers from 0 to 32');
    const badElement = errorsOf({ experiment: 'compare', depths: [1, 40] });
    expect(badElement).toHaveLength(1);
    expect(badElement[0]!.field).toBe('depths');
    const badChoice = errorsOf({ experiment: 'restarts', architectures: ['neuron', 'transformer'] });
    expect(badChoice[0]!.field).toBe('architectures');
    expect(badChoice[0]!.message).toContain('neuron, neuron-mse, three-node, deep');
  });

  it('names a boolean field', () => {
    const [error] = errorsOf({ experiment: 'train', residual: 'yes' });
    expect(error!.field).toBe('residual');
    expect(error!.message).toContain('true or false');
  });

  it('names an unknown option and lists the known ones', () => {
    const [error] = errorsOf({ experiment: 'lp', depth: 3 });
    expect(error!.field).toBe('depth');
    expect(error!.message).toContain('unknown option "depth" for lp');
    expect(error!.message).toContain('dataset');
  });

  it('names an unknown experiment and lists the known ones', () => {
    for (const experiment of ['fly', 'toString', '__proto__']) {
      const [error] = errorsOf({ experiment });
      expect(error!.field).toBe('experiment');
      expect(error!.message).toContain(EXPERIMENTS.join(', '));
    }
  });

  it('gives each bad field its own error, all at once', () => {
    const errors = errorsOf({ experiment: 'train', depth: 99, width: 0, optimizer: 'lbfgs', colour: 'red' });
    expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'depth', 'optimizer', 'width']);
  });

  it('refuses work beyond the budget even when every field is in range', () => {
    const options = {
      experiment: 'compare',
      depths: [32, 32, 32, 32],
      width: 64,
      points: 1000,
      steps: 3000,
      seeds: 8,
    };
    const errors = errorsOf(options);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/is about \d+(\.\d)? times the work one request may take/);
    expect(validateSpec({ experiment: 'train', depth: 8, width: 32, steps: 300 }).ok).toBe(true);
  });

  it('says how much a request just over the budget is over, never "1.0x larger"', () => {
    const perStep = estimateWork({ ...trainAt(1) });
    const steps = Math.ceil((MAX_WORK * 1.03) / perStep);
    const errors = errorsOf({ experiment: 'train', depth: 32, width: 64, points: 1000, seeds: 8, steps });
    expect(errors[0]!.message).toMatch(
      /^this train is a little more work \(\d+ % more\) than one request may take;/,
    );
    expect(errors[0]!.message).not.toMatch(/1\.0/);
  });

  it('counts the 2-D enumeration of /hardness, which no time limit bounds, in the work', () => {
    // Sixteen instances of 72 to 128 points in the plane: the exact solver's time limits alone would
    // fit the budget with a third to spare; the enumerations (up to about a second each) do not.
    const errors = errorsOf({
      experiment: 'hardness',
      sizes: [128, 120, 112, 104, 96, 88, 80, 72],
      dims: [2],
      labels: 'both',
      timeLimit: 0.4,
      restarts: 2,
      steps: 10,
    });
    expect(errors[0]!.message).toMatch(/^this hardness is about 1\.\d times the work/);
    // In three dimensions there is no enumeration, and the same sweep fits.
    const spatial = validateSpec({
      experiment: 'hardness',
      sizes: [128, 120, 112, 104, 96, 88, 80, 72],
      dims: [3],
      labels: 'both',
      timeLimit: 0.4,
      restarts: 2,
      steps: 10,
    });
    expect(spatial.ok).toBe(true);
  });
});
