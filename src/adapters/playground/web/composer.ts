import { type Completion, complete } from './completion.js';
import { choosable, firstChoosable, paintSuggestions, stepSelection } from './suggestion-list.js';
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

/** No suggestions: the list is closed. */
const closed = (): Completion => ({ from: 0, suggestions: [], preselect: false });

/** The suggestions on show and the highlighted row (-1: none), with the moves the handlers make. */
interface SuggestionBox {
  readonly current: Completion;
  readonly selected: number;
  /** Recomputes the suggestions for the text up to the caret. */
  refresh(): void;
  take(index: number): void;
  move(step: number): void;
  /** Closes the list and forgets the highlight. */
  dismiss(): void;
  /** Closes the list on blur; the highlight is recomputed on the next focus anyway. */
  hide(): void;
}

function createSuggestionBox(parts: ComposerParts): SuggestionBox {
  const { input, list } = parts;
  let current = closed();
  let selected = -1;
  const paint = () => paintSuggestions(input, list, current, selected, take);

  function refresh(): void {
    const caret = input.selectionStart ?? input.value.length;
    // Suggestions are computed for the whole text, so they only fit with the caret at its end.
    current = caret === input.value.length ? complete(input.value, parts.commands()) : closed();
    selected = current.preselect ? firstChoosable(current.suggestions) : -1;
    paint();
  }

  function take(index: number): void {
    const insert = current.suggestions[index]?.insert;
    if (insert === undefined) return;
    input.value = input.value.slice(0, current.from) + insert;
    input.setSelectionRange(input.value.length, input.value.length);
    refresh();
  }

  return {
    get current() {
      return current;
    },
    get selected() {
      return selected;
    },
    refresh,
    take,
    move(step) {
      selected = stepSelection(current.suggestions, selected, step);
      paint();
    },
    dismiss() {
      current = closed();
      selected = -1;
      paint();
    },
    hide() {
      current = closed();
      paint();
    },
  };
}

/** Keys that act on the list; any other key (or one with nothing to act on) types as usual. */
function handleKey(event: KeyboardEvent, box: SuggestionBox): void {
  const { current, selected } = box;
  const open = current.suggestions.some(choosable);
  if (event.key === 'ArrowDown' && open) box.move(1);
  else if (event.key === 'ArrowUp' && open) box.move(-1);
  else if (event.key === 'Tab' && open && !event.shiftKey)
    box.take(selected >= 0 ? selected : firstChoosable(current.suggestions));
  else if (event.key === 'Enter' && selected >= 0) box.take(selected);
  else if (event.key === 'Escape' && current.suggestions.length > 0) box.dismiss();
  else return;
  event.preventDefault();
}

/** Wires the command box; returns a function that puts text in it (example chips use it). */
export function setUpComposer(parts: ComposerParts): (text: string) => void {
  const { form, input } = parts;
  const box = createSuggestionBox(parts);

  input.addEventListener('input', () => box.refresh());
  input.addEventListener('focus', () => box.refresh());
  input.addEventListener('blur', () => box.hide());
  input.addEventListener('keydown', (event) => handleKey(event, box));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    parts.send(text);
    input.value = '';
    box.refresh();
  });

  return (text) => {
    input.value = text;
    input.focus();
    input.setSelectionRange(text.length, text.length);
    box.refresh();
  };
}
