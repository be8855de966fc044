import { releaseCharts } from './charts.js';
import { el } from './dom.js';
import { type MessageActions, renderMessage, updateProgress } from './messages.js';
import type { WireLive, WireMessage, WireProgress } from './wire.js';

/*
 * The channel's message list. New messages stick to the bottom only when the reader is already
 * there, so scrolling back to study an earlier chart is not interrupted by the next run.
 */

/** Adds, replaces and updates messages by id. */
export interface MessageList {
  reset(history: WireMessage[]): void;
  show(message: WireMessage): void;
  progress(id: string, progress: WireProgress, live?: WireLive): void;
  remove(id: string): void;
  /** A note from the page itself (e.g. the server cannot be reached), shown only here. */
  note(headline: string, text: string): void;
}

/** A private card written by the page, styled like the bot's "only you" replies. */
function pageNote(id: string, headline: string, text: string): HTMLElement {
  return el('article', { class: 'msg bot private', attrs: { 'data-id': id } }, [
    el('div', { class: 'card' }, [
      el('p', { class: 'only-you' }, ['Only you can see this']),
      el('h3', { class: 'headline' }, [headline]),
      el('p', {}, [text]),
    ]),
  ]);
}

/** Creates the list inside `root`; `welcome` is shown while the channel is empty. */
export function createMessageList(
  root: HTMLElement,
  actions: MessageActions,
  welcome: () => HTMLElement,
): MessageList {
  const byId = new Map<string, HTMLElement>();
  let notes = 0;

  const nearBottom = () => root.scrollHeight - root.scrollTop - root.clientHeight < 120;

  function keepBottom(wasNear: boolean): void {
    if (wasNear) root.scrollTop = root.scrollHeight;
  }

  function place(message: WireMessage): void {
    const node = renderMessage(message, actions);
    const old = byId.get(message.id);
    if (old) releaseCharts(old);
    if (old) old.replaceWith(node);
    else root.append(node);
    byId.set(message.id, node);
    // Images arrive after the message; keep the newest one in view once they have a size.
    for (const img of node.querySelectorAll('img')) {
      img.addEventListener('load', () => keepBottom(nearBottom() || root.lastElementChild === node));
    }
  }

  return {
    reset(history) {
      releaseCharts(root);
      byId.clear();
      root.replaceChildren();
      if (history.length === 0) root.append(welcome());
      for (const message of history) place(message);
      root.scrollTop = root.scrollHeight;
    },
    show(message) {
      const wasNear = nearBottom();
      root.querySelector('.welcome')?.remove();
      place(message);
      keepBottom(wasNear || (message.kind === 'echo' && message.author.id === actions.me));
    },
    progress(id, progress, live) {
      const node = byId.get(id);
      if (node) updateProgress(node, progress, live);
    },
    remove(id) {
      const node = byId.get(id);
      if (node) releaseCharts(node);
      node?.remove();
      byId.delete(id);
    },
    note(headline, text) {
      notes += 1;
      root.append(pageNote(`local-${notes}`, headline, text));
      // The reader just acted; the answer to that belongs in view.
      root.scrollTop = root.scrollHeight;
    },
  };
}
