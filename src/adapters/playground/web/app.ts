import { adapt, chartBox, drawChart } from './charts.js';
import { setUpComposer } from './composer.js';
import { el } from './dom.js';
import { displayName, fetchSession, saveDisplayName } from './identity.js';
import { createMessageList } from './message-list.js';
import type { Enlarged } from './messages.js';
import { setUpTeacher } from './teacher.js';
import type { WireButton, WireCommand, WireEvent } from './wire.js';

/*
 * The playground page: a class channel. Commands go up as JSON posts; everything that comes back
 * (echoes, progress, replies) arrives on one Server-Sent Events stream for the channel. Who sent a
 * post is the session cookie, never a field of the body.
 */

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const messagesRoot = byId<HTMLElement>('messages');
const lightbox = byId<HTMLDialogElement>('lightbox');
const lightboxBody = byId<HTMLElement>('lightbox-body');
const status = byId<HTMLElement>('status');
const nameInput = byId<HTMLInputElement>('name');

const session = await fetchSession(() => {
  status.textContent = 'reconnecting…';
  status.className = 'status down';
});
const me = session.id;
let name = displayName(me);
const requested = new URLSearchParams(location.search).get('channel') ?? 'class';
const channel = /^[a-z0-9][a-z0-9-]{0,31}$/.test(requested) ? requested : 'class';
let commands: WireCommand[] = [];

setUpTeacher(
  {
    button: byId<HTMLButtonElement>('teacher'),
    dialog: byId<HTMLDialogElement>('teacher-dialog'),
    form: byId<HTMLFormElement>('teacher-form'),
    input: byId<HTMLInputElement>('teacher-token'),
    cancel: byId<HTMLButtonElement>('teacher-cancel'),
    error: byId<HTMLElement>('teacher-error'),
  },
  session,
);

byId<HTMLElement>('channel').textContent = `#${channel}`;
document.title = `#${channel} · depth-tutor`;
nameInput.value = name;
nameInput.addEventListener('change', () => {
  name = saveDisplayName(nameInput.value, me);
  nameInput.value = name;
});

async function post(path: string, body: Record<string, string>): Promise<void> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, channel, ...body }),
    });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { error?: unknown };
      list.note(
        'That did not go through.',
        typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`,
      );
    }
  } catch {
    list.note(
      'The playground server cannot be reached.',
      'Is npm start still running? The page reconnects by itself.',
    );
  }
}

function press(button: WireButton, element: HTMLButtonElement): void {
  // One press is one request: a double tap must not start the same run twice.
  element.disabled = true;
  setTimeout(() => {
    element.disabled = false;
  }, 1500);
  void post('/api/button', { buttonId: button.id, label: button.label });
}

/*
 * The full-screen view: a chart drawn again at the size of the screen (or the PNG, larger).
 * Escape closes it (the dialog's own behaviour), as do the Close button and a click outside the
 * chart; focus then returns to the chart it was opened from.
 */
let opener: HTMLElement | undefined;
let stopLarge: (() => void) | undefined;

function enlarge(what: Enlarged, from: HTMLElement): void {
  opener = from;
  stopLarge?.();
  lightbox.style.setProperty('--ratio', String(what.ratio));
  if (what.kind === 'image') {
    lightboxBody.replaceChildren(el('img', { attrs: { src: what.src, alt: what.alt } }));
    stopLarge = undefined;
  } else {
    const { box, canvas } = chartBox(what.alt, what.ratio);
    lightboxBody.replaceChildren(box);
    lightbox.showModal();
    stopLarge = drawChart(box, canvas, (width) => adapt(what.chart, width)).stop;
  }
  if (!lightbox.open) lightbox.showModal();
  byId<HTMLButtonElement>('lightbox-close').focus();
}
lightbox.addEventListener('close', () => {
  stopLarge?.();
  stopLarge = undefined;
  lightboxBody.replaceChildren();
  opener?.focus();
});
byId<HTMLButtonElement>('lightbox-close').addEventListener('click', () => lightbox.close());
// A click on the backdrop lands on the dialog itself; one on the chart shows its tooltip instead.
lightbox.addEventListener('click', (event) => {
  if (event.target === lightbox) lightbox.close();
});

function welcome(): HTMLElement {
  const tries = ['/train depth:1', '/train depth:8', '/compare', '/explain', '/help'];
  return el('section', { class: 'welcome' }, [
    el('h2', {}, [`Welcome to #${channel}`]),
    el('p', {}, [
      'Run small, real training experiments and see why deeper plain networks are harder to train. ',
      'Everyone on this page sees the runs and the charts.',
    ]),
    el(
      'div',
      { class: 'chips' },
      tries.map((text) => {
        const chip = el('button', { class: 'chip', attrs: { type: 'button' } }, [text]);
        chip.addEventListener('click', () => fill(text));
        return chip;
      }),
    ),
  ]);
}

const list = createMessageList(messagesRoot, { me, press, enlarge }, welcome);

const fill = setUpComposer({
  form: byId<HTMLFormElement>('composer'),
  input: byId<HTMLInputElement>('command'),
  list: byId<HTMLDivElement>('suggestions'),
  commands: () => commands,
  send: (text) => void post('/api/command', { text }),
});

function handle(event: WireEvent): void {
  switch (event.type) {
    case 'hello':
      list.reset(event.history);
      return;
    case 'message':
      list.show(event.message);
      return;
    case 'progress':
      list.progress(event.id, event.progress, event.live);
      return;
    case 'remove':
      list.remove(event.id);
      return;
  }
}

function connect(): void {
  const params = new URLSearchParams({ channel });
  const source = new EventSource(`/api/events?${params}`);
  source.addEventListener('open', () => {
    status.textContent = 'live';
    status.className = 'status live';
  });
  source.addEventListener('error', () => {
    status.textContent = 'reconnecting…';
    status.className = 'status down';
  });
  source.addEventListener('message', (message: MessageEvent<string>) =>
    handle(JSON.parse(message.data) as WireEvent),
  );
}

fetch('/api/commands')
  .then((response) => response.json() as Promise<WireCommand[]>)
  .then((loaded) => {
    commands = loaded;
  })
  .catch(() => list.note('Command hints are not available.', 'Commands still work; type /help.'));
connect();
