/** One section of a teacher's markdown article: the text under one heading. */
export interface ArticleSection {
  heading: string;
  /** Markdown text of the section, without its heading line. */
  text: string;
}

const HEADING = /^(#{1,3})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Splits a markdown article at its #, ## and ### headings. Text before the first heading is a
 * section named after the article. Lines inside fenced code blocks are never headings (a shell
 * comment is not a title). Sections with no text are dropped: there is nothing to answer with.
 */
export function splitArticle(markdown: string, name: string): ArticleSection[] {
  const sections: ArticleSection[] = [];
  let heading = name;
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text.length > 0) sections.push({ heading, text });
    lines = [];
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match?.[2]) {
      flush();
      heading = match[2];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}
