import { type Completion, complete, type Suggestion } from './completion.js';
import { el } from './dom.js';
import type { WireCommand } from './wire.js';

/*
 * The command box: typing shows suggestions above it; arrow keys move, Tab or Enter takes the
 * highlighted one, Escape closes the list, and Enter with nothing highlighted sends.
 */

/** The command box's parts and what to do on send. */
export interface ComposerParts {
  form: HTMLFormElement;
  input: HTMLInputElement;
  list: HTMLDivElement;
  commands: () => readonly WireCommand[];
  send(text: string): void;
}

/** Wires the command box; returns a function that puts text in it (example chips use it). */
export function setUpComposer(parts: ComposerParts): (text: string) => void {
  const { form, input, list } = parts;
  let current: Completion = { from: 0, suggestions: [], preselect: false };
  let selected = -1;

  const choosable = (index: number) => current.suggestions[index]?.insert !== undefined;

  function paint(): void {
    list.replaceChildren(
      ...current.suggestions.map((s: Suggestion, index) => {
        const item = el(
          'div',
          {
            class: `suggestion${s.insert === undefined ? ' hint' : ''}${index === selected ? ' selected' : ''}`,
            attrs: { role: 'option', id: `suggestion-${index}`, 'aria-selected': String(index === selected) },
          },
          [el('code', {}, [s.label]), el('span', {}, [s.detail])],
        );
        // mousedown, not click: the input must keep the focus.
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          if (s.insert !== undefined) take(index);
        });
        return item;
      }),
    );
    const open = current.suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (selected >= 0) input.setAttribute('aria-activedescendant', `suggestion-${selected}`);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
  }

  function refresh(): void {
    const caret = input.selectionStart ?? input.value.length;
    current =
      caret === input.value.length
        ? complete(input.value, parts.commands())
        : { from: 0, suggestions: [], preselect: false };
    selected = current.preselect ? current.suggestions.findIndex((s) => s.insert !== undefined) : -1;
    paint();
  }

  function take(index: number): void {
    const insert = current.suggestions[index]?.insert;
    if (insert === undefined) return;
    input.value = input.value.slice(0, current.from) + insert;
    input.setSelectionRange(input.value.length, input.value.length);
    refresh();
  }

  function move(step: number): void {
    const count = current.suggestions.length;
    for (let i = 1; i <= count; i += 1) {
      const next = (((selected + step * i) % count) + count) % count;
      if (choosable(next)) {
        selected = next;
        break;
      }
    }
    paint();
  }

  input.addEventListener('input', refresh);
  input.addEventListener('focus', refresh);
  input.addEventListener('blur', () => {
    current = { from: 0, suggestions: [], preselect: false };
    paint();
  });
  input.addEventListener('keydown', (event) => {
    const open = current.suggestions.some((s) => s.insert !== undefined);
    if (event.key === 'ArrowDown' && open) move(1);
    else if (event.key === 'ArrowUp' && open) move(-1);
    else if (event.key === 'Tab' && open && !event.shiftKey)
      take(selected >= 0 ? selected : current.suggestions.findIndex((s) => s.insert !== undefined));
    else if (event.key === 'Enter' && selected >= 0) take(selected);
    else if (event.key === 'Escape' && current.suggestions.length > 0) {
      current = { from: 0, suggestions: [], preselect: false };
      selected = -1;
      paint();
    } else return;
    event.preventDefault();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    parts.send(text);
    input.value = '';
    refresh();
  });

  return (text) => {
    input.value = text;
    input.focus();
    input.setSelectionRange(text.length, text.length);
    refresh();
  };
}
