import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMMANDS } from '../../bot/commands/index.js';
import { buildSlackManifest, renderManifest } from './manifest.js';

/*
 * `npm run manifest:slack` rewrites slack-app-manifest.json (Socket Mode) from the command
 * definitions. `npm run manifest:slack -- --request-url https://tutor.example.org/slack/events
 * --out slack-app-manifest.http.json` writes an HTTP-mode manifest for a public server instead.
 */

const { values } = parseArgs({
  options: {
    'request-url': { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string', default: 'slack-app-manifest.json' },
  },
});

const requestUrl = values['request-url'];
if (requestUrl !== undefined && !/^https:\/\/\S+$/.test(requestUrl)) {
  process.stderr.write('--request-url must be the public https address of /slack/events\n');
  process.exit(1);
}
const manifest = buildSlackManifest(COMMANDS, {
  ...(requestUrl ? { requestUrl } : {}),
  ...(values.name ? { appName: values.name } : {}),
});
writeFileSync(values.out, renderManifest(manifest));
// The committed file must pass `biome check`, whose JSON layout differs from JSON.stringify's.
const formatted = spawnSync('npx', ['--no-install', 'biome', 'format', '--write', values.out], {
  stdio: 'ignore',
});
if (formatted.status !== 0) process.stderr.write(`note: biome did not format ${values.out}\n`);
process.stdout.write(`wrote ${values.out} (${manifest.features.slash_commands.length} slash commands)\n`);
