#!/usr/bin/env bash
# Smoke test of the Docker image and the compose stack, where a Docker engine runs (npm test does
# not depend on it). Builds the runtime image, runs it until Docker reports it healthy, trains
# through the CLI inside it and checks the PNG charts, stops it and checks that it drained in
# time; then starts docker-compose.yml (Redis, a bot, two workers), sends concurrent jobs through
# the queue, kills a worker mid-job and checks that every job still gets exactly one answer.
#
# Settings (environment):
#   IMAGE                        tag to build and test (default depth-tutor:smoke)
#   NODE_IMAGE, RUNTIME_IMAGE    base images, passed to the build as build args when set
#   DOCKER_BUILD_FLAGS           extra `docker build` flags, e.g. "--network host"
#   SKIP_BUILD=1                 test an IMAGE built before
#   DRAIN_LIMIT_S                longest acceptable `docker stop` (default 10)
# How it was run on a machine without a registry: docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-depth-tutor:smoke}
DRAIN_LIMIT_S=${DRAIN_LIMIT_S:-10}
NAME=depth-tutor-smoke-$$
PROJECT=dtsmoke$$
work=$(mktemp -d)
say() { printf '\n=== %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
compose+=(-p "$PROJECT" -f docker-compose.yml)
cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. build
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "build $IMAGE"
  args=()
  [ -n "${NODE_IMAGE:-}" ] && args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
  [ -n "${RUNTIME_IMAGE:-}" ] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
  started=$(now)
  # shellcheck disable=SC2086 # DOCKER_BUILD_FLAGS is a list of flags
  docker build ${DOCKER_BUILD_FLAGS:-} "${args[@]}" --target runtime -t "$IMAGE" . >"$work/build.log" \
    || { tail -30 "$work/build.log"; fail "docker build"; }
  echo "built in $(elapsed "$started") s"
fi
echo "node in the image: $(docker run --rm "$IMAGE" node --version)"

# --- 2. run until healthy (the image's own HEALTHCHECK command, checked every 2 s here)
say "run the image, wait for health status healthy"
started=$(now)
docker run -d --name "$NAME" --health-interval 2s --health-start-period 60s "$IMAGE" >/dev/null
for _ in $(seq 1 90); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$NAME")
  [ "$status" = healthy ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] || { docker logs "$NAME"; fail "container exited"; }
  sleep 1
done
[ "$status" = healthy ] || { docker logs "$NAME"; fail "health status $status after 90 s"; }
echo "healthy after $(elapsed "$started") s"

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

# --- 4. stop: SIGTERM, then the drain must finish well inside Docker's 10 s before SIGKILL
say "docker stop, drain time"
started=$(now)
docker stop "$NAME" >/dev/null
drain=$(elapsed "$started")
code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME")
echo "stopped in $drain s, exit code $code"
[ "$code" = 0 ] || { docker logs --tail 20 "$NAME"; fail "exit code $code (137 = killed after the grace period)"; }
awk -v d="$drain" -v l="$DRAIN_LIMIT_S" 'BEGIN { exit !(d < l) }' || fail "drain took $drain s (limit $DRAIN_LIMIT_S s)"
docker logs "$NAME" 2>&1 | grep -q '"msg":"stopped"' || fail "no 'stopped' log line"
docker rm "$NAME" >/dev/null

# --- 5. compose: Redis, a bot, two workers; concurrent jobs; a worker killed mid-job
say "compose: redis, bot, two workers"
docker tag "$IMAGE" depth-tutor:latest
"${compose[@]}" up -d --no-build >"$work/compose.log" 2>&1 || { cat "$work/compose.log"; fail "compose up"; }
for _ in $(seq 1 60); do
  "${compose[@]}" logs worker-1 worker-2 2>/dev/null | grep -c '"msg":"worker ready"' | grep -q '^2$' && break
  sleep 1
done
"${compose[@]}" logs worker-1 worker-2 | grep -c '"msg":"worker ready"' | grep -q '^2$' || fail "workers not ready"
docker cp scripts/docker-smoke-jobs.mjs "$("${compose[@]}" ps -q bot):/tmp/smoke-jobs.mjs"
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
say "docker smoke test passed"
