import { type Inline, parseBlocks, parseInline } from './markdown.js';

/*
 * Element building for the page. Text only ever goes in through textContent (or attributes set
 * one by one), never innerHTML: whatever a reply or a user's name contains stays text.
 */

/** Creates an element with classes, attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function inlineNodes(runs: Inline[]): Node[] {
  return runs.map((run) => {
    switch (run.style) {
      case 'code':
        return el('code', {}, [run.text]);
      case 'bold':
        return el('strong', {}, [run.text]);
      case 'italic':
        return el('em', {}, [run.text]);
      default:
        return document.createTextNode(run.text);
    }
  });
}

/** One line of light markdown as inline nodes. */
export function inlineMarkdown(line: string): Node[] {
  return inlineNodes(parseInline(line));
}

/** A text block of light markdown as paragraphs and lists. */
export function markdown(text: string): HTMLElement[] {
  return parseBlocks(text).map((block) => {
    if (block.kind === 'list')
      return el(
        'ul',
        {},
        block.items.map((runs) => el('li', {}, inlineNodes(runs))),
      );
    const children: Node[] = [];
    block.lines.forEach((runs, index) => {
      if (index > 0) children.push(el('br'));
      children.push(...inlineNodes(runs));
    });
    return el('p', {}, children);
  });
}

/** Local time of day, e.g. 14:05. */
export function timeOfDay(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
