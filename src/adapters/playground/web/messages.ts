import { animatedFigure } from './animation.js';
import { adapt, canDrawCharts, chartBox, drawChart, ratioOf } from './charts.js';
import { el, inlineMarkdown, markdown, timeOfDay } from './dom.js';
import { createLiveChart, type LiveChart } from './live-charts.js';
import type {
  WireButton,
  WireChart,
  WireEcho,
  WireImage,
  WireLive,
  WireMessage,
  WireProgress,
  WireReply,
  WireWorking,
} from './wire.js';

/*
 * One element per message, built from its wire form. A working message and the reply that ends
 * it share an id, so the list swaps one for the other in place.
 */

/** What to show full screen: a chart to draw again, larger, or a PNG. */
export type Enlarged =
  | { kind: 'chart'; chart: WireChart; alt: string; ratio: number }
  | { kind: 'image'; src: string; alt: string; ratio: number };

/** What a message's controls do; wired by the app. */
export interface MessageActions {
  me: string;
  press(button: WireButton, element: HTMLButtonElement): void;
  /** Opens the full-screen view; focus goes back to `opener` when it closes. */
  enlarge(what: Enlarged, opener: HTMLElement): void;
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

/** The words under a progress bar: the server's (the same as Discord's and Slack's), with the percent. */
export function progressText(progress: WireProgress | undefined): string {
  if (!progress) return 'starting';
  const percent = progress.percent === undefined ? '' : `${progress.percent}% · `;
  return `${percent}${progress.detail ?? progress.status}`;
}

/** The live chart of each working message's element. */
const liveCharts = new WeakMap<HTMLElement, LiveChart>();

/** Adds a job's partial results to its working message: the first copy draws the chart. */
function showLive(element: HTMLElement, live: WireLive): void {
  const known = liveCharts.get(element);
  if (known) {
    known.apply(live);
    return;
  }
  const chart = createLiveChart(live);
  if (!chart) return;
  liveCharts.set(element, chart);
  element.querySelector('.card')?.insertBefore(chart.element, element.querySelector('.buttons'));
}

/** Moves a working message's status, bar and words, and its live chart when `live` came along. */
export function updateProgress(element: HTMLElement, progress: WireProgress, live?: WireLive): void {
  const bar = element.querySelector<HTMLElement>('.bar-fill');
  const track = element.querySelector<HTMLElement>('.bar');
  const status = element.querySelector<HTMLElement>('.status-label');
  const label = element.querySelector<HTMLElement>('.progress-text');
  const percent = progress.state === 'done' ? 100 : (progress.percent ?? 0);
  // While waiting in line the whole track shows a striped "not yet" pattern (see style.css).
  if (bar) bar.style.width = progress.state === 'queued' ? '100%' : `${percent}%`;
  if (track) {
    track.setAttribute('aria-valuenow', String(Math.floor(percent)));
    track.classList.toggle('waiting', progress.state === 'queued');
  }
  if (status) {
    status.textContent = progress.status;
    status.dataset.state = progress.state;
  }
  if (label) label.textContent = progressText(progress);
  if (live) showLive(element, live);
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
      el('span', { class: 'status-label', attrs: { 'data-state': message.progress?.state ?? 'queued' } }, [
        message.progress?.status ?? 'starting',
      ]),
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
  if (message.live) showLive(node, message.live);
  return node;
}

/** A chart the page draws: focusable, Enter or Space enlarges it; its PNG stays one tap away. */
function chartFigure(image: WireImage & { chart: WireChart }, actions: MessageActions): HTMLElement {
  const ratio = ratioOf(image);
  const { box, canvas } = chartBox(image.alt, ratio);
  box.tabIndex = 0;
  box.setAttribute('role', 'button');
  box.setAttribute('aria-haspopup', 'dialog');
  box.setAttribute('aria-label', `${image.alt} (press Enter to enlarge)`);
  const enlarge = () => actions.enlarge({ kind: 'chart', chart: image.chart, alt: image.alt, ratio }, box);
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    enlarge();
  });
  box.addEventListener('dblclick', enlarge);
  // Keyboard users enlarge from the chart itself; this button is for pointers and touch.
  const button = el('button', { class: 'btn btn-small', attrs: { type: 'button', tabindex: '-1' } }, [
    '⤢ Enlarge',
  ]);
  button.addEventListener('click', enlarge);
  const download = el('a', { class: 'btn btn-small', attrs: { href: image.url, download: image.name } }, [
    'Download PNG',
  ]);
  const figure = el('figure', { class: 'chart-figure' }, [box, el('figcaption', {}, [button, download])]);
  requestAnimationFrame(() => {
    if (figure.isConnected) drawChart(box, canvas, (width) => adapt(image.chart, width));
  });
  return figure;
}

/** A PNG the page cannot draw itself (an animation's still, or no Chart.js): enlarged on click or Enter. */
function imageFigure(image: WireImage, actions: MessageActions): HTMLElement {
  const attrs: Record<string, string> = {
    src: image.url,
    alt: image.alt,
    title: 'Click to enlarge',
    tabindex: '0',
    role: 'button',
    'aria-haspopup': 'dialog',
  };
  if (image.width && image.height)
    Object.assign(attrs, { width: String(image.width), height: String(image.height) });
  const img = el('img', { attrs });
  const enlarge = () =>
    actions.enlarge(
      {
        kind: 'image',
        src: img.currentSrc || img.src,
        alt: img.alt,
        ratio: ratioOf({ width: img.naturalWidth, height: img.naturalHeight }),
      },
      img,
    );
  img.addEventListener('click', enlarge);
  img.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    enlarge();
  });
  const { animation } = image;
  return animation ? animatedFigure({ ...image, animation }, img) : el('figure', {}, [img]);
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
          const { chart } = image;
          // An animation plays as a GIF over its still, so that chart stays a picture.
          return chart && canDrawCharts && !image.animation
            ? chartFigure({ ...image, chart }, actions)
            : imageFigure(image, actions);
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
