# Shopgraph's production image. Two stages: `build` compiles dist/ and web/dist/ with the dev
# dependencies; the runtime stage holds production dependencies (npm ci --omit=dev) and the build
# output only, runs as the unprivileged `node` user (uid 1000), and is checked by
# `npm run test:container` (drills/container.ts), which CI runs.
#
#   docker build -t shopgraph .
#   docker run --init -p 4000:4000 --env-file .env shopgraph
#
# Signals: CMD runs node itself as the container's main process (no npm, no shell), and the server
# handles SIGTERM (readiness 503, drain, exit 0 within 10 s). Pass --init (compose: init: true) so
# an init reaps zombies; node receives SIGTERM either way.
# The image talks to MySQL/MariaDB (production requires DB_HOST): better-sqlite3's native part is
# not built here, so the embedded SQLite database is not available in it.
ARG BASE_IMAGE=node:24-bookworm-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no native builds (the compilers are not in a slim image) and no `prepare` (the
# build runs below, once the sources are here). tsc and vite need no install scripts.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
COPY web ./web
RUN npm run build

FROM ${BASE_IMAGE}
ENV NODE_ENV=production PORT=4000
WORKDIR /app
# The official image has the `node` user (uid 1000); other bases get one.
RUN id -u node >/dev/null 2>&1 || (groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node)
COPY package.json package-lock.json ./
# bcrypt's Linux binary ships prebuilt in its package (N-API, any Node), so no install script is
# needed; npm's cache is dropped to keep the layer small.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/index.js"]
