# syntax=docker/dockerfile:1
#
# One image per app of the workspace, from the repository root:
#
#   docker build -f infra/docker/app.Dockerfile --build-arg APP=api-gateway -t rideshare/api-gateway .
#
# APP names the package @rideshare/$APP (a service under apps/, or the load generator under tools/).
# Stages: prune the workspace to the app and its workspace dependencies,
# install from the pruned lockfile, build, deploy the production dependencies
# into /app, and run that as the unprivileged `node` user.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- base: Node 24 and the pnpm version that package.json's packageManager pins
FROM ${NODE_IMAGE} AS base
ENV TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1
WORKDIR /repo
COPY package.json ./
RUN npm install --global --no-audit --no-fund --loglevel=error \
      "$(node -p "require('./package.json').packageManager.split('+')[0]")"

# --- prune: the app plus only the workspace packages it depends on
FROM base AS pruner
ARG APP
# Keep equal to the turbo version in pnpm-workspace.yaml's catalog (checked by @rideshare/infra-checks).
ARG TURBO_VERSION=2.11.11
RUN test -n "${APP}" || { echo 'build with --build-arg APP=<package name without @rideshare/>' >&2; exit 1; }
RUN npm install --global --no-audit --no-fund --loglevel=error "turbo@${TURBO_VERSION}"
COPY . .
RUN turbo prune "@rideshare/${APP}" --docker

# --- build: install (lockfile only, cached store), compile, deploy prod deps
FROM base AS builder
ARG APP
COPY --from=pruner /repo/out/json/ ./
# Dependency patches (pnpm-workspace.yaml patchedDependencies) are applied at install time.
COPY --from=pruner /repo/patches/ ./patches/
RUN --mount=type=cache,id=rideshare-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
COPY --from=pruner /repo/out/full/ ./
RUN pnpm exec turbo run build --filter="@rideshare/${APP}..."
# A self-contained copy of the app: its files, its built workspace
# dependencies and its production node_modules, without dev dependencies.
RUN --mount=type=cache,id=rideshare-pnpm-store,target=/pnpm/store \
    pnpm --filter "@rideshare/${APP}" deploy --prod --legacy --store-dir /pnpm/store /app \
 && test -f /app/dist/main.js

# --- run: Node 24, non-root, from the app directory
FROM ${NODE_IMAGE} AS runner
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by `node`: the app cannot rewrite its own code.
COPY --from=builder /app ./
USER node
# Telemetry (tracing + span-linked CPU profiles) starts before the app loads anything.
CMD ["node", "--require", "@rideshare/otel-profiling/register", "dist/main.js"]
