#!/usr/bin/env bash
# Smoke test of the Docker image and the compose stack, where a Docker engine runs (npm test does
# not depend on it). Builds the runtime image and runs it with its ports published on free host
# ports, as a user would: the playground page, its scripts and styles and its API answer through
# the published port, /readyz is ready, the CLI trains inside it and writes PNG charts, and
# `docker stop` with a job running drains in time. Then it starts docker-compose.yml (Redis, a bot,
# two workers) under its own project name, image tag and free ports, waits until every service
# reports healthy and every tutor process's /readyz is ready, sends concurrent jobs through the
# queue, kills a worker mid-job and checks that every job still gets exactly one answer. It leaves
# nothing behind: the container, the compose project with its network and volumes, and the images
# it built are removed, and it fails if any container, network or volume of its own remains;
# `depth-tutor:latest` is never touched. Guide: docs/operations.md.
#
# Usage: scripts/docker-smoke.sh [--break web|redis]
#   --break web    tests a copy of the image without the playground's web files: must fail at GET /
#   --break redis  starts the compose bot with a REDIS_URL nothing answers: must fail at its /readyz
# The two breaks show that the smoke notices what a user would; each run exits non-zero with
# "FAILED: ..." naming the check.
#
# Settings (environment):
#   IMAGE                        tag to build and test (default depth-tutor:smoke-<pid>, removed after)
#   NODE_IMAGE, RUNTIME_IMAGE    base images, passed to the build as build args when set
#   DOCKER_BUILD_FLAGS           extra `docker build` flags, e.g. "--network host"
#   SKIP_BUILD=1                 test an IMAGE built before (then IMAGE is kept)
#   DRAIN_LIMIT_S                longest acceptable `docker stop` (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

BREAK=""
while [ $# -gt 0 ]; do
  case $1 in
    --break | --break=*)
      if [ "$1" = --break ]; then BREAK=${2:-}; shift $(($# > 1 ? 2 : 1)); else BREAK=${1#--break=}; shift; fi
      case $BREAK in
        web | redis) ;;
        *) echo "docker-smoke.sh: --break must be web or redis, not '$BREAK'" >&2; exit 2 ;;
      esac
      ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | cut -c3-; exit 0 ;;
    *) echo "docker-smoke.sh: unknown argument '$1' (allowed: --break web, --break redis, --help)" >&2; exit 2 ;;
  esac
done

IMAGE=${IMAGE:-depth-tutor:smoke-$$}
DRAIN_LIMIT_S=${DRAIN_LIMIT_S:-10}
NAME=depth-tutor-smoke-$$
PROJECT=dtsmoke$$
work=$(mktemp -d)
built=""
# The image the checks run: IMAGE, or with --break web a copy of it without the page's files.
TESTED=$IMAGE
say() { printf '\n=== %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# A host port nobody listens on (bash's /dev/tcp connects when someone does).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  fail "no free port found"
}

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
compose+=(-p "$PROJECT" -f docker-compose.yml)
if [ "$BREAK" = redis ]; then
  # The bot alone is pointed at a port of the redis service where nothing listens.
  printf 'services:\n  bot:\n    environment:\n      REDIS_URL: redis://redis:6390\n' >"$work/break-redis.yml"
  compose+=(-f "$work/break-redis.yml")
fi
# The compose stack runs the image under test, on ports nobody else uses.
PLAYGROUND_PUBLISH_PORT=$(free_port)
SLACK_PUBLISH_PORT=$(free_port)
export PLAYGROUND_PUBLISH_PORT SLACK_PUBLISH_PORT
volumes_before=$(docker volume ls -q | sort)

# Removes what this run made, then fails the run if anything of it is still there.
cleanup() {
  local status=$? left
  docker rm -f -v "$NAME" >/dev/null 2>&1 || true
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  if [ "$TESTED" != "$IMAGE" ]; then docker rmi "$TESTED" >/dev/null 2>&1 || true; fi
  if [ -n "$built" ]; then docker rmi "$IMAGE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  left=$(
    docker ps -aq --filter "name=^$NAME\$"
    docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"
    docker network ls -q --filter "label=com.docker.compose.project=$PROJECT"
    comm -13 <(echo "$volumes_before") <(docker volume ls -q | sort)
  )
  if [ -n "$left" ]; then
    printf '\nFAILED: left behind (containers, networks, volumes): %s\n' "$(echo "$left" | tr '\n' ' ')" >&2
    [ "$status" = 0 ] && status=1
  fi
  exit "$status"
}
trap cleanup EXIT
# Interrupted (Ctrl-C, a timeout's SIGTERM): exit through the same cleanup.
trap 'exit 130' INT TERM

# --- 1. build
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "build $IMAGE"
  args=()
  [ -n "${NODE_IMAGE:-}" ] && args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
  [ -n "${RUNTIME_IMAGE:-}" ] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
  started=$(now)
  built=1
  # shellcheck disable=SC2086 # DOCKER_BUILD_FLAGS is a list of flags
  docker build ${DOCKER_BUILD_FLAGS:-} "${args[@]}" --target runtime -t "$IMAGE" . >"$work/build.log" \
    || { tail -30 "$work/build.log"; fail "docker build"; }
  echo "built in $(elapsed "$started") s"
fi
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "no image $IMAGE (SKIP_BUILD=1 needs one built before)"
if [ "$BREAK" = web ]; then
  TESTED=$IMAGE-noweb
  say "--break web: $TESTED is $IMAGE without dist/adapters/playground/web"
  printf 'FROM %s\nUSER root\nRUN rm -rf /app/dist/adapters/playground/web\nUSER node\n' "$IMAGE" \
    | docker build -q -t "$TESTED" - >/dev/null || fail "could not derive $TESTED"
fi
export TUTOR_IMAGE="$TESTED"
echo "node in the image: $(docker run --rm "$TESTED" node --version)"

# --- 2. run as a user would (only the published ports, no settings), until healthy
say "run the image with its ports published, wait for health status healthy"
started=$(now)
docker run -d --name "$NAME" --health-interval 2s --health-start-period 60s \
  -p 127.0.0.1::3000 -p 127.0.0.1::9090 "$TESTED" >/dev/null
for _ in $(seq 1 90); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$NAME")
  [ "$status" = healthy ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] || { docker logs "$NAME"; fail "container exited"; }
  sleep 1
done
[ "$status" = healthy ] || { docker logs "$NAME"; fail "health status $status after $(elapsed "$started") s"; }
echo "healthy after $(elapsed "$started") s"
# Docker picked free host ports: read them back.
page="http://$(docker port "$NAME" 3000 | head -1)"
ops="http://$(docker port "$NAME" 9090 | head -1)"

say "the page, its files, the API and /readyz through the published ports"
code=$(curl -sS -o "$work/page.html" -w '%{http_code}' "$page/") || fail "GET $page/: no answer"
[ "$code" = 200 ] || fail "GET / through the published port answered $code, not the playground page"
grep -q 'id="command"' "$work/page.html" || fail "GET / is not the playground page"
# Every script, style sheet and icon the page names, so a page without its scripts fails too.
files=$(grep -oE '(src|href)="/[a-z][a-z0-9.-]*"' "$work/page.html" | cut -d'"' -f2 | sort -u)
[ -n "$files" ] || fail "the page names no script or style sheet"
for file in $files; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$page$file")
  [ "$code" = 200 ] || fail "GET $file (named by the page) answered $code"
done
curl -fsS -c "$work/jar" "$page/api/session" | grep -q '"id":"u-' || fail "GET /api/session"
curl -fsS "$page/api/commands" | grep -q '"name":"train"' || fail "GET /api/commands"
origin="$page"
answer=$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/jar" -H "Origin: $origin" \
  -H 'Content-Type: application/json' -d '{"name":"smoke","channel":"class","text":"/help"}' \
  "$page/api/command")
[ "$answer" = 202 ] || fail "POST /api/command answered $answer"
curl -fsS "$ops/readyz" | grep -q '"ready":true' || fail "/readyz is not ready: $(curl -sS "$ops/readyz")"
echo "page and its $(echo "$files" | wc -w) files, session, commands, a posted command and /readyz all answer"

# --- 3. a short train through the CLI inside the container, charts as PNG files
say "train through the CLI inside the container"
docker exec "$NAME" node dist/cli.js train depth:2 steps:100 seeds:1 points:64 gridSize:20 --out /tmp/charts \
  >"$work/train.txt" || { cat "$work/train.txt"; fail "CLI train"; }
head -3 "$work/train.txt"
docker cp "$NAME:/tmp/charts" "$work/charts"
pngs=$(find "$work/charts" -name '*.png' | wc -l)
[ "$pngs" -ge 1 ] || fail "no PNG written"
for png in "$work"/charts/*.png; do
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
  [ "$(stat -c %s "$png")" -gt 2000 ] || fail "$png is suspiciously small"
done
echo "$pngs PNG charts, each a real PNG"

# --- 4. stop with a job running: SIGTERM, then the drain must finish inside Docker's 10 s
say "docker stop with a job running, drain time"
answer=$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/jar" -H "Origin: $origin" \
  -H 'Content-Type: application/json' \
  -d '{"name":"smoke","channel":"class","text":"/train depth:4 steps:600 seeds:1"}' "$page/api/command")
[ "$answer" = 202 ] || fail "POST /api/command /train answered $answer"
for _ in $(seq 1 40); do
  curl -fsS "$ops/metrics" | grep -q '^tutor_jobs_running 1' && break
  sleep 0.25
done
curl -fsS "$ops/metrics" | grep -q '^tutor_jobs_running 1' || fail "the job never started"
started=$(now)
docker stop "$NAME" >/dev/null
drain=$(elapsed "$started")
code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME")
echo "stopped in $drain s with a job running, exit code $code"
[ "$code" = 0 ] || { docker logs --tail 20 "$NAME"; fail "exit code $code (137 = killed after the grace period)"; }
awk -v d="$drain" -v l="$DRAIN_LIMIT_S" 'BEGIN { exit !(d < l) }' || fail "drain took $drain s (limit $DRAIN_LIMIT_S s)"
docker logs "$NAME" 2>&1 | grep -q '"msg":"stopped"' || fail "no 'stopped' log line"
docker rm -v "$NAME" >/dev/null

# --- 5. compose: Redis, a bot, two workers; concurrent jobs; a worker killed mid-job
say "compose: redis, bot, two workers"
"${compose[@]}" up -d --no-build >"$work/compose.log" 2>&1 || { cat "$work/compose.log"; fail "compose up"; }
services=(redis bot worker-1 worker-2)
id_of() { "${compose[@]}" ps -q "$1"; }
health_of() {
  local id
  id=$(id_of "$1")
  if [ -n "$id" ]; then docker inspect -f '{{.State.Health.Status}}' "$id"; else echo missing; fi
}
# Every service's own health check (redis-cli ping; the image's /healthz for the bot and workers).
healthy() {
  for service in "${services[@]}"; do [ "$(health_of "$service")" = healthy ] || return 1; done
}
started=$(now)
for _ in $(seq 1 120); do healthy && break; sleep 1; done
if ! healthy; then
  for service in "${services[@]}"; do echo "$service: $(health_of "$service")"; done
  fail "not every compose service is healthy after $(elapsed "$started") s"
fi
echo "redis, bot, worker-1 and worker-2 report healthy"
# Healthy only says the process answers; /readyz says it can work (the bot: adapters and queue;
# a worker: Redis and engine threads). The ops ports are not published: asked from inside.
readyz() {
  docker exec "$(id_of "$1")" node -e "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/readyz')
    .then(async (r) => { process.stdout.write(await r.text()); process.exit(r.ok ? 0 : 1); },
      (e) => { process.stdout.write(String(e)); process.exit(1); })"
}
for service in bot worker-1 worker-2; do
  started=$(now)
  for _ in $(seq 1 30); do readyz "$service" >"$work/ready.json" 2>&1 && break; sleep 1; done
  readyz "$service" >"$work/ready.json" 2>&1 \
    || fail "$service is healthy but not ready after $(elapsed "$started") s: $(cat "$work/ready.json")"
done
echo "bot, worker-1 and worker-2 answer /readyz ready"
"${compose[@]}" logs worker-1 worker-2 | grep -c '"msg":"worker ready"' | grep -q '^2$' || fail "workers not ready"
code=$(curl -sS -o "$work/page.html" -w '%{http_code}' "http://127.0.0.1:$PLAYGROUND_PUBLISH_PORT/") \
  || fail "the compose bot's page: no answer on its published port"
[ "$code" = 200 ] && grep -q 'id="command"' "$work/page.html" \
  || fail "the compose bot's page answered $code on its published port"
docker cp scripts/docker-smoke-jobs.mjs "$(id_of bot):/tmp/smoke-jobs.mjs"
started=$(now)
"${compose[@]}" exec -T bot node /tmp/smoke-jobs.mjs 6 >"$work/jobs.txt" 2>&1 &
jobs_pid=$!
for _ in $(seq 1 60); do grep -q '^started' "$work/jobs.txt" && break; sleep 0.5; done
# A worker with a job running right now (started, not finished) is killed without warning.
ids() { "${compose[@]}" logs --no-color "$1" | grep "\"msg\":\"$2\"" | grep -o '"jobId":"[^"]*"' | sort -u; }
victim="" killed_job=""
for _ in $(seq 1 80); do
  for w in worker-1 worker-2; do
    killed_job=$(comm -23 <(ids "$w" "job started") <(ids "$w" "job finished") | head -1)
    [ -n "$killed_job" ] && victim=$w && break 2
  done
  sleep 0.25
done
[ -n "$victim" ] || fail "no worker was seen running a job"
"${compose[@]}" kill -s SIGKILL "$victim" >/dev/null 2>&1
echo "killed $victim with SIGKILL while it ran $killed_job"
wait "$jobs_pid" || { cat "$work/jobs.txt"; fail "not every job got exactly one finished answer"; }
tail -1 "$work/jobs.txt"
echo "6 jobs answered in $(elapsed "$started") s, one answer each"
# The lost job ran again: on the other worker, or on the victim once its restart policy revived it.
rerun=$("${compose[@]}" logs --no-color worker-1 worker-2 | grep '"msg":"job finished"' | grep -F "$killed_job" | head -1)
[ -n "$rerun" ] || fail "$killed_job was never finished after $victim died"
echo "$killed_job was run again: ${rerun%%|*}finished it"
say "docker smoke test passed (cleanup follows: it fails the run if anything is left behind)"
