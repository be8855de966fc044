import { describe, expect, it } from 'vitest';
import { LESSON_PLAN, planStep } from '../../../src/bot/classroom/lesson-plan.js';
import { checkPostCommand } from '../../../src/bot/classroom/post-command.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';
import { LESSONS } from '../../../src/bot/lessons/index.js';
import { validateSpec } from '../../../src/engine/validate.js';

describe('the lesson plan', () => {
  it('tells the story in order, each step a valid command with a lesson', () => {
    const services = { catalog: () => COMMANDS, validate: validateSpec };
    for (const step of LESSON_PLAN) {
      expect(checkPostCommand(step.command, services), step.command).toBeUndefined();
      expect(
        LESSONS.some((l) => l.id === step.lessonId),
        step.lessonId,
      ).toBe(true);
    }
    expect(LESSON_PLAN[0]!.command).toBe('/restarts architectures:neuron,neuron-mse');
    expect(LESSON_PLAN[1]!.command).toBe('/lp dataset:xor');
    expect(LESSON_PLAN.at(-1)!.title).toMatch(/fixes/);
  });

  it('rotates', () => {
    expect(planStep(LESSON_PLAN.length).index).toBe(0);
    expect(planStep(LESSON_PLAN.length + 2).step).toBe(LESSON_PLAN[2]);
  });

  it('refuses teachers’ tools and unknown commands as posts', () => {
    const services = { catalog: () => COMMANDS, validate: validateSpec };
    expect(checkPostCommand('/schedule list', services)).toBe('/schedule cannot be scheduled');
    expect(checkPostCommand('/quiz depth', services)).toBeUndefined();
    expect(checkPostCommand('/train depth:x', services)).toMatch(/depth must be/);
  });
});
