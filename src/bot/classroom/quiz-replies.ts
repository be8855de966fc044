import type { QuizRow, VoteOutcome, VoteRow } from '../../store/index.js';
import { commandButton } from '../buttons.js';
import { privateNote } from '../replies/plain-replies.js';
import type { Reply, ReplyButton, ReplyImage } from '../types.js';
import type { QuizVerdict } from './quiz-kinds.js';

const MAX_NAMES = 20;

function inWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** The question as posted: the answers as vote buttons, and a Reveal button for the starter. */
export function questionReply(quiz: QuizRow, now: number): Reply {
  const votes = quiz.choices.map((c) => commandButton(c.label, 'quiz', `vote ${quiz.id} ${c.id}`, 'primary'));
  const reveal = commandButton('Reveal now', 'quiz', `reveal ${quiz.id}`, 'secondary');
  return {
    visibility: 'public',
    headline: `Quiz #${quiz.id}: ${quiz.question}`,
    blocks: [
      'Predict first, then see. Vote with a button; you can change your vote until the reveal.',
      `I run the experiment and show the answer in ${inWords(quiz.revealAt - now)}, or sooner if whoever started the quiz presses Reveal.`,
    ],
    fields: [],
    images: [],
    buttons: [...votes, reveal].filter((b): b is ReplyButton => b !== undefined),
  };
}

/** The private answer to a vote. */
export function voteReply(quiz: QuizRow | undefined, choice: string, outcome: VoteOutcome): Reply {
  const label = quiz?.choices.find((c) => c.id === choice)?.label ?? choice;
  switch (outcome) {
    case 'recorded':
      return privateNote(`Your vote: ${label}.`, ['You can change it until the reveal.']);
    case 'changed':
      return privateNote(`Your vote is now: ${label}.`, ['Only your latest vote counts.']);
    case 'unchanged':
      return privateNote(`You already voted: ${label}.`);
    case 'closed':
      return privateNote(`Voting on quiz #${quiz?.id ?? '?'} has closed.`);
    case 'not-found':
      return privateNote('There is no such quiz.', ['Check the quiz number, or start one with `/quiz`.']);
    case 'bad-choice':
      return privateNote(`Quiz #${quiz?.id ?? '?'} has no answer "${choice.slice(0, 20)}".`, [
        `Answers: ${(quiz?.choices ?? []).map((c) => `\`${c.id}\` (${c.label})`).join(', ')}`,
      ]);
  }
}

function names(votes: readonly VoteRow[]): string {
  const shown = votes.slice(0, MAX_NAMES).map((v) => v.userName ?? v.user);
  const more = votes.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The reveal: the right answer with the numbers, the tally, who was right, the charts. */
export function revealReply(
  quiz: QuizRow,
  verdict: QuizVerdict,
  votes: readonly VoteRow[],
  explanation: string[],
  images: ReplyImage[],
): Reply {
  const right = quiz.choices.find((c) => c.id === verdict.answer);
  const count = (id: string) => votes.filter((v) => v.choice === id).length;
  const tally = quiz.choices
    .map((c) => {
      const n = count(c.id);
      const line = `${c.label}: ${n} vote${n === 1 ? '' : 's'}`;
      return c.id === verdict.answer ? `**${line} (right)**` : line;
    })
    .join('\n');
  const winners = votes.filter((v) => v.choice === verdict.answer);
  const who =
    votes.length === 0
      ? 'Nobody voted this time.'
      : winners.length === 0
        ? `Nobody of ${votes.length} guessed it. That is the point: depth surprises people.`
        : `Right: ${names(winners)} (${winners.length} of ${votes.length}).`;
  return {
    visibility: 'public',
    headline: `Quiz #${quiz.id} answer: ${right?.label ?? verdict.answer}`,
    blocks: [`*${quiz.question}*`, verdict.because, tally, who, ...explanation],
    fields: [],
    images,
    buttons: [],
  };
}
