# syntax=docker/dockerfile:1
# depth-tutor images. Targets:
#   runtime (default): the bot (`node dist/main.js`); the same image runs workers with
#                      `node dist/worker-main.js` (see docker-compose.yml).
#   gpu:               a queue worker on an NVIDIA GPU, with @tensorflow/tfjs-node-gpu.
# Debian, not Alpine: the native TensorFlow binding and better-sqlite3's prebuilt binary need glibc.

ARG NODE_IMAGE=node:20-bookworm
ARG RUNTIME_IMAGE=node:20-bookworm-slim
# @tensorflow/tfjs-node-gpu 4.22 loads libtensorflow 2.9, built for CUDA 11.2 and cuDNN 8.1.
ARG CUDA_IMAGE=nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04

# --- build: the same install CI runs (.ci/run); its `prepare` script runs `npm run build`.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
RUN test -f dist/main.js && test -f dist/worker-main.js

# --- production dependencies only. `prepare` builds from sources this stage does not have.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare && npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- gpu-deps: production dependencies plus the CUDA build of the TensorFlow binding, whose install
# script downloads the GPU libtensorflow.
FROM ${NODE_IMAGE} AS gpu-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare && npm ci --omit=dev --no-audit --no-fund \
  && npm install --no-save --omit=dev --no-audit --no-fund @tensorflow/tfjs-node-gpu@4.22.0 \
  && npm cache clean --force

# --- gpu: a queue worker on an NVIDIA GPU (run with `--gpus all`, driver 450.80 or newer).
FROM ${CUDA_IMAGE} AS gpu
ENV NODE_ENV=production \
    TUTOR_BACKEND=tensorflow
# Node's official build (the one the node images carry) runs on Ubuntu 20.04's glibc 2.31.
COPY --from=gpu-deps /usr/local/bin/node /usr/local/bin/node
RUN groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/sh --create-home node \
  && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=gpu-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY assets ./assets
USER node
EXPOSE 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/worker-main.js"]

# --- runtime (last, so the default target): slim Debian, production dependencies, compiled
# JavaScript, non-root.
FROM ${RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    TUTOR_DB=/data/tutor.db
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY assets ./assets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 9090
# Health is the ops port's /healthz (OPS_PORT, default 9090); fetch is built into Node 20, no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
