import type { Completion, Suggestion } from './completion.js';
import { el } from './dom.js';

/*
 * The suggestion list under the command box: drawing it, and which rows the highlight may land
 * on. Hints (rows without `insert`) are shown but skipped, since taking one would insert nothing.
 */

/** Whether a row can be taken (a hint cannot). */
export const choosable = (s: Suggestion | undefined): boolean => s?.insert !== undefined;

/** The first row that can be taken, or -1. */
export function firstChoosable(suggestions: readonly Suggestion[]): number {
  return suggestions.findIndex(choosable);
}

/** The next takeable row `step` away from `selected`, wrapping around; `selected` if there is none. */
export function stepSelection(suggestions: readonly Suggestion[], selected: number, step: number): number {
  const count = suggestions.length;
  for (let i = 1; i <= count; i += 1) {
    const next = (((selected + step * i) % count) + count) % count;
    if (choosable(suggestions[next])) return next;
  }
  return selected;
}

function suggestionRow(
  s: Suggestion,
  index: number,
  selected: number,
  take: (index: number) => void,
): HTMLElement {
  const row = el(
    'div',
    {
      class: `suggestion${s.insert === undefined ? ' hint' : ''}${index === selected ? ' selected' : ''}`,
      attrs: { role: 'option', id: `suggestion-${index}`, 'aria-selected': String(index === selected) },
    },
    [el('code', {}, [s.label]), el('span', {}, [s.detail])],
  );
  // mousedown, not click: the input must keep the focus.
  row.addEventListener('mousedown', (event) => {
    event.preventDefault();
    if (s.insert !== undefined) take(index);
  });
  return row;
}

/**
 * Draws `completion` into `list` with row `selected` highlighted, and tells assistive technology
 * through the input's aria attributes whether the list is open and which row is active.
 */
export function paintSuggestions(
  input: HTMLInputElement,
  list: HTMLDivElement,
  completion: Completion,
  selected: number,
  take: (index: number) => void,
): void {
  list.replaceChildren(...completion.suggestions.map((s, index) => suggestionRow(s, index, selected, take)));
  const open = completion.suggestions.length > 0;
  list.hidden = !open;
  input.setAttribute('aria-expanded', String(open));
  if (selected >= 0) input.setAttribute('aria-activedescendant', `suggestion-${selected}`);
  else input.removeAttribute('aria-activedescendant');
  list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
}
