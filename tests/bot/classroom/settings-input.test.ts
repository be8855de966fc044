import { describe, expect, it } from 'vitest';
import { settingsPatches } from '../../../src/bot/classroom/settings-input.js';

/* /settings reads animate with the same yes/no words as every other option, plus `none`. */

const animateOf = (text: string) => {
  const patches = settingsPatches({ animate: text });
  return 'limits' in patches ? patches.limits.animate : patches.message;
};

describe('/settings animate', () => {
  it('takes every yes/no word the option parser takes, and none to clear', () => {
    for (const yes of ['true', 'yes', 'on', '1', 'ON']) expect(animateOf(yes)).toBe(true);
    for (const no of ['false', 'no', 'off', '0']) expect(animateOf(no)).toBe(false);
    expect(animateOf('none')).toBeNull();
  });

  it('names the field and the allowed values for anything else', () => {
    expect(animateOf('maybe')).toBe('animate must be true or false, or none (got "maybe")');
  });
});
