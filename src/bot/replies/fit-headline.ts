import type { Reply } from '../types.js';

/*
 * A headline lists every option a run changed (describe-spec.ts), so a heavily customized run's
 * headline can outgrow a platform's title (a Discord embed title holds 256 characters, a Slack
 * header 150). Cutting it would hide options without a trace; instead the title becomes the
 * short headline and the rest moves, whole, to the first line under it.
 */

/** A headline split for a platform whose titles have a limit, in the bot's own text. */
export interface FittedHeadline {
  title: string;
  /** What did not fit the title, to show whole on the first line under it. */
  lead?: string;
}

/**
 * The title and lead for a platform; `fits` says whether the whole headline fits its title once
 * rendered there. A long headline gives the short headline as the title and, as the lead, the
 * rest after "short: " (or all of it when it does not start so). Without a short headline the
 * title stays the whole headline, for the adapter to cut as it must, and the lead repeats it all.
 */
export function fitHeadline(
  reply: Pick<Reply, 'headline' | 'shortHeadline'>,
  fits: (headline: string) => boolean,
): FittedHeadline {
  const { headline, shortHeadline: short } = reply;
  if (fits(headline)) return { title: headline };
  if (!short) return { title: headline, lead: headline };
  const prefix = `${short}: `;
  return { title: short, lead: headline.startsWith(prefix) ? headline.slice(prefix.length) : headline };
}
