import type { Field } from '../../engine/fields.js';
import { EXPERIMENTS, type ExperimentName, SPEC_FIELDS } from '../../engine/spec.js';
import { parseOptionText } from '../options/parse-text.js';
import type { TutorServices } from '../services.js';

/** Commands a schedule may not post: teachers' tools and personal ones. */
const NOT_SCHEDULABLE = new Set(['schedule', 'settings', 'history', 'cancel', 'status']);

/**
 * What is wrong with a command a schedule would post, checked when the schedule is added so the
 * teacher hears it now rather than at 08:30 tomorrow; undefined when it looks right.
 */
export function checkPostCommand(text: string, services: Pick<TutorServices, 'catalog' | 'validate'>) {
  const [head = '', ...rest] = text.trim().replace(/^\//, '').split(/\s+/);
  const name = head.toLowerCase();
  if (!services.catalog().some((c) => c.name === name)) return `there is no command /${name.slice(0, 40)}`;
  if (NOT_SCHEDULABLE.has(name)) return `/${name} cannot be scheduled`;
  if (!(EXPERIMENTS as string[]).includes(name)) return undefined;
  const fields = SPEC_FIELDS[name as ExperimentName] as Record<string, Field>;
  const parsed = parseOptionText(rest.join(' '), fields);
  if (!parsed.ok) return parsed.errors.map((e) => e.message).join('; ');
  const checked = services.validate({ experiment: name, ...parsed.values });
  return checked.ok ? undefined : checked.errors.map((e) => e.message).join('; ');
}
