# syntax=docker/dockerfile:1
# depth-tutor's image: the bot (`node dist/main.js`); the same image runs queue workers with
# `node dist/worker-main.js` (see docker-compose.yml). The GPU worker has its own file,
# Dockerfile.gpu, so that building this one never touches CUDA or libtensorflow.
# Debian, not Alpine: better-sqlite3's prebuilt binary and the native TensorFlow binding need glibc.
# Operations guide: docs/operations.md.

ARG NODE_IMAGE=node:24-bookworm
ARG RUNTIME_IMAGE=node:24-bookworm-slim

# --- the package manifests alone, `prepare` taken out (it builds from sources not copied yet):
# the one parent of both installs below. The build stage copies the sources only after its
# install, so a source change reuses the installed layer. Both installs hang off this one stage, not
# off two identical WORKDIR + COPY chains: the classic builder takes the first cached image whose
# parent and instruction match, and after a `--no-cache` build it would find two and could take the
# prod-deps one, whose child is the wrong install, and reinstall on every later build.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare

# --- build: the same install CI runs (.ci/run), then the sources (the COPY restores package.json
# whole) and the build its `prepare` script would have run.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && test -f dist/main.js && test -f dist/worker-main.js

# --- production dependencies only.
FROM manifests AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime (the default target): slim Debian, production dependencies, compiled JavaScript,
# non-root.
# Inside a container, loopback is reachable from nowhere: `docker run -p 3000:3000` would answer
# nothing. The playground and the ops port listen on every interface of the container instead;
# which of them the host publishes, and where, is `-p`'s choice (`-p 127.0.0.1:3000:3000` keeps it
# on the host). Outside containers the defaults stay loopback (src/config.ts).
FROM ${RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    TUTOR_DB=/data/tutor.db \
    PLAYGROUND_HOST=0.0.0.0 \
    DISCORD_HOST=0.0.0.0 \
    OPS_HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY assets ./assets
# The CLI (dist/cli.js) runs the Node version check first.
COPY scripts/check-node.mjs ./scripts/
# /data holds the bot's SQLite file. No VOLUME here: it would give every container of the image,
# queue workers included (which keep nothing), an anonymous volume left behind on removal. Mount
# one where it matters: `docker run -v depth-tutor-data:/data`, as docker-compose.yml does for the bot.
RUN mkdir -p /data && chown node:node /data
USER node
# The playground, Slack's HTTP mode (both published by docker-compose.yml) and the ops port.
EXPOSE 3000 3001 3002 9090
# Health is the ops port's /healthz (OPS_PORT, default 9090); fetch is built into Node, no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
