# Otklik: the built server and web apps on Node 20, run as an unprivileged user.
# docker build -t otklik . ; see compose.yaml for the app with PostgreSQL and docs/deploy.md.

FROM node:20-slim AS build
WORKDIR /app
# Dependencies first: this layer is reused while only the sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The compiled server and web apps; then only what runs in production stays in node_modules.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SMTP_IN_PORT=2525 \
    DATA_DIR=/var/lib/otklik
WORKDIR /app
# The server reads presets/ and migrations/ at start and serves dist/web; scripts/ holds
# backup.sh and restore.sh (they need the PostgreSQL client tools, which are not in this image).
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/presets ./presets
COPY --from=build /app/scripts ./scripts
# Attachments and, without SECRETS_KEY, the key that seals channel secrets live here: mount a volume.
RUN mkdir -p /var/lib/otklik && chown node:node /var/lib/otklik
USER node
VOLUME ["/var/lib/otklik"]
# HTTP, and the inbound SMTP listener (map port 25 of the host to it: an unprivileged user cannot bind 25).
EXPOSE 3000 2525
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself: it stops taking requests and closes within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
