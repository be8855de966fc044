import { animatedFigure } from './animation.js';
import { el, inlineMarkdown, markdown, timeOfDay } from './dom.js';
import type { WireButton, WireEcho, WireMessage, WireProgress, WireReply, WireWorking } from './wire.js';

/*
 * One element per message, built from its wire form. A working message and the reply that ends
 * it share an id, so the list swaps one for the other in place.
 */

/** What a message's controls do; wired by the app. */
export interface MessageActions {
  me: string;
  press(button: WireButton, element: HTMLButtonElement): void;
  enlarge(image: HTMLImageElement): void;
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0] ?? '');
  return (letters.slice(0, 2).join('') || '?').toUpperCase();
}

function buttonRow(buttons: WireButton[], actions: MessageActions): HTMLElement {
  return el(
    'div',
    { class: 'buttons' },
    buttons.map((b) => {
      const node = el('button', { class: `btn btn-${b.style}`, attrs: { type: 'button' } }, [b.label]);
      node.addEventListener('click', () => actions.press(b, node));
      return node;
    }),
  );
}

function echo(message: WireEcho, actions: MessageActions): HTMLElement {
  const mine = message.author.id === actions.me;
  const { author } = message;
  // The tag and the badge are set by the server, outside the name: no chosen name can imitate them.
  const meta = el('div', { class: 'meta' }, [
    el('span', { class: 'author' }, [author.name + (mine ? ' (you)' : '')]),
    el(
      'span',
      { class: 'tag', attrs: { title: 'this person’s tag: the same name with another tag is someone else' } },
      [`#${author.tag}`],
    ),
    ...(author.teacher ? [el('span', { class: 'badge-teacher' }, ['teacher'])] : []),
    el('time', {}, [timeOfDay(message.at)]),
  ]);
  if (message.via) meta.append(el('span', { class: 'via' }, [`pressed “${message.via}”`]));
  return el('article', { class: `msg echo${mine ? ' mine' : ''}` }, [
    el('div', { class: 'avatar', attrs: { 'aria-hidden': 'true' } }, [initials(message.author.name)]),
    el('div', { class: 'bubble' }, [meta, el('code', { class: 'command' }, [message.text])]),
  ]);
}

/** The words under a progress bar, e.g. "Training… 42% · loss 0.6931". */
export function progressText(progress: WireProgress | undefined): string {
  if (!progress) return 'Starting…';
  if (progress.state === 'queued') return `Waiting in line: #${progress.position}`;
  const loss = progress.loss === undefined ? '' : ` · loss ${progress.loss.toFixed(4)}`;
  return `Training… ${Math.floor(progress.percent)}%${loss}`;
}

/** Moves a working message's bar and text. */
export function updateProgress(element: HTMLElement, progress: WireProgress): void {
  const bar = element.querySelector<HTMLElement>('.bar-fill');
  const track = element.querySelector<HTMLElement>('.bar');
  const label = element.querySelector<HTMLElement>('.progress-text');
  const percent = progress.state === 'running' ? progress.percent : 0;
  // While waiting in line the whole track shows a striped "not yet" pattern (see style.css).
  if (bar) bar.style.width = progress.state === 'queued' ? '100%' : `${percent}%`;
  if (track) {
    track.setAttribute('aria-valuenow', String(Math.floor(percent)));
    track.classList.toggle('waiting', progress.state === 'queued');
  }
  if (label) label.textContent = progressText(progress);
}

function working(message: WireWorking, actions: MessageActions): HTMLElement {
  const bar = el(
    'div',
    {
      class: 'bar',
      attrs: {
        role: 'progressbar',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-label': 'training progress',
      },
    },
    [el('div', { class: 'bar-fill' })],
  );
  const body = el('div', { class: 'card working' }, [
    el('div', { class: 'headline' }, [
      el('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      'Working on it',
    ]),
    el('p', { class: 'summary' }, [message.summary]),
    bar,
    el('p', { class: 'progress-text', attrs: { 'aria-live': 'polite' } }, [progressText(message.progress)]),
  ]);
  if (message.cancelButton) body.append(buttonRow([message.cancelButton], actions));
  const node = el('article', { class: `msg bot${message.visibility === 'private' ? ' private' : ''}` }, [
    body,
  ]);
  if (message.progress) updateProgress(node, message.progress);
  return node;
}

function reply(message: WireReply, actions: MessageActions): HTMLElement {
  const card = el('div', { class: 'card' });
  if (message.visibility === 'private')
    card.append(el('p', { class: 'only-you' }, ['Only you can see this']));
  card.append(el('h3', { class: 'headline' }, inlineMarkdown(message.headline)));
  for (const block of message.blocks) card.append(...markdown(block));
  if (message.images.length > 0) {
    card.append(
      el(
        'div',
        { class: 'images' },
        message.images.map((image) => {
          const attrs: Record<string, string> = { src: image.url, alt: image.alt, title: 'Click to enlarge' };
          if (image.width && image.height)
            Object.assign(attrs, { width: String(image.width), height: String(image.height) });
          const img = el('img', { attrs });
          img.addEventListener('click', () => actions.enlarge(img));
          const { animation } = image;
          return animation ? animatedFigure({ ...image, animation }, img) : el('figure', {}, [img]);
        }),
      ),
    );
  }
  if (message.fields.length > 0) {
    card.append(
      el(
        'dl',
        { class: 'fields' },
        message.fields.flatMap((f) => [el('dt', {}, [f.label]), el('dd', {}, inlineMarkdown(f.value))]),
      ),
    );
  }
  if (message.buttons.length > 0) card.append(buttonRow(message.buttons, actions));
  return el('article', { class: `msg bot${message.visibility === 'private' ? ' private' : ''}` }, [card]);
}

/** The element for any message. */
export function renderMessage(message: WireMessage, actions: MessageActions): HTMLElement {
  const node =
    message.kind === 'echo'
      ? echo(message, actions)
      : message.kind === 'working'
        ? working(message, actions)
        : reply(message, actions);
  node.dataset.id = message.id;
  return node;
}
