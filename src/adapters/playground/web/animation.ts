import { el } from './dom.js';
import type { WireImage } from './wire.js';

/*
 * A chart with an animation of training: the still shows first (nothing moves unasked, and it is
 * the fallback when the GIF cannot load); Play swaps in the GIF, Pause freezes the frame on screen
 * by copying it to a canvas, since a GIF has no pause of its own.
 */

/** The figure for an image that has an animation: still first, a Play/Pause toggle below. */
export function animatedFigure(
  image: WireImage & { animation: { url: string; alt: string } },
  still: HTMLImageElement,
) {
  const button = el('button', { class: 'play', attrs: { type: 'button', 'aria-pressed': 'false' } }, [
    '▶ Play',
  ]);
  const figure = el('figure', { class: 'animated' }, [still, button]);
  const moving = el('img', { attrs: { src: image.animation.url, alt: image.animation.alt } });
  let frozen: HTMLCanvasElement | undefined;
  let playing = false;
  moving.addEventListener('error', () => {
    // No animation after all: keep the still and say why the button went away.
    (frozen ?? moving).replaceWith(still);
    button.replaceWith(
      el('small', {}, ['The animation is no longer kept; the still shows the end of training.']),
    );
  });
  button.addEventListener('click', () => {
    playing = !playing;
    button.textContent = playing ? '❚❚ Pause' : '▶ Play';
    button.setAttribute('aria-pressed', String(playing));
    const shown = figure.firstElementChild;
    if (playing) {
      shown?.replaceWith(moving);
      return;
    }
    frozen = el('canvas', { attrs: { role: 'img', 'aria-label': image.animation.alt } });
    frozen.width = moving.naturalWidth;
    frozen.height = moving.naturalHeight;
    frozen.getContext('2d')?.drawImage(moving, 0, 0);
    shown?.replaceWith(frozen);
  });
  return figure;
}
