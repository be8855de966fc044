// The first thing `npm start`, `npm run worker` and the CLI run: on a Node too old for the
// project, one line naming the supported versions and exit 1, instead of a stack trace from
// whichever newer API happens to run first. Plain JavaScript that parses on any Node since 12.

/** The Node lines CI tests (package.json `engines` says the same), oldest first. */
export const TESTED = [
  { major: 20, minor: 18 },
  { major: 24, minor: 0 },
];

/** The oldest Node the project runs on: the first tested line. */
const OLDEST = TESTED[0];

function parse(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return { major, minor };
}

const names = () =>
  TESTED.map((v) => (v.minor > 0 ? `Node ${v.major} (${v.major}.${v.minor} or newer)` : `Node ${v.major}`));

/**
 * What to say about running on `version` (e.g. process.version): nothing on a tested line, a
 * warning on a newer untested one, a refusal on one older than the oldest tested line.
 */
export function nodeVersionVerdict(version) {
  const { major, minor } = parse(version);
  const supported = names().join(' or ');
  if (major < OLDEST.major || (major === OLDEST.major && minor < OLDEST.minor)) {
    return {
      refuse: true,
      message: `depth-tutor needs ${supported}; this is Node ${version.replace(/^v/, '')}.`,
    };
  }
  const tested = TESTED.some((v) => v.major === major && minor >= v.minor);
  if (tested) return undefined;
  return {
    refuse: false,
    message: `depth-tutor is tested on ${supported}; running on untested Node ${version.replace(/^v/, '')}.`,
  };
}

const verdict = nodeVersionVerdict(process.version);
if (verdict) {
  process.stderr.write(`${verdict.message}\n`);
  if (verdict.refuse) process.exit(1);
}
