# syntax=docker/dockerfile:1
# depth-tutor's image: the bot (`node dist/main.js`); the same image runs queue workers with
# `node dist/worker-main.js` (see docker-compose.yml). The GPU worker has its own file,
# Dockerfile.gpu, so that building this one never touches CUDA or libtensorflow.
# Debian, not Alpine: better-sqlite3's prebuilt binary and the native TensorFlow binding need glibc.
# Operations guide: docs/operations.md.

ARG NODE_IMAGE=node:24-bookworm
ARG RUNTIME_IMAGE=node:24-bookworm-slim

# --- build: the same install CI runs (.ci/run), then the build its `prepare` script runs. The
# manifests come first and the sources after, so a source change reuses the installed layer; the
# `prepare` build waits until the sources are there (the later COPY restores package.json whole).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare && npm ci --no-audit --no-fund
COPY . .
RUN npm run build && test -f dist/main.js && test -f dist/worker-main.js

# --- production dependencies only. `prepare` builds from sources this stage does not have.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare && npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

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
EXPOSE 3000 3001 9090
# Health is the ops port's /healthz (OPS_PORT, default 9090); fetch is built into Node, no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
