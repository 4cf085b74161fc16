# One image per service, from one multi-stage build:
#   docker build --build-arg SERVICE=network -t netdirect/network .
# Production dependencies only, running as the unprivileged "node" user.
ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
COPY package.json package-lock.json nx.json tsconfig.base.json tsconfig.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/runtime/package.json libs/runtime/
COPY services/catalog/package.json services/catalog/
COPY services/procurement/package.json services/procurement/
COPY services/orders/package.json services/orders/
COPY services/network/package.json services/network/
COPY services/commission/package.json services/commission/
COPY services/logistics/package.json services/logistics/
RUN npm ci --no-audit --no-fund
COPY libs libs
COPY services services
COPY scripts scripts
COPY infra infra
RUN npx tsc -b tsconfig.json

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production HTTP_HOST=0.0.0.0 SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /repo/package.json /repo/package-lock.json ./
COPY --from=build /repo/libs/contracts/package.json libs/contracts/
COPY --from=build /repo/libs/contracts/dist libs/contracts/dist
COPY --from=build /repo/libs/runtime/package.json libs/runtime/
COPY --from=build /repo/libs/runtime/dist libs/runtime/dist
COPY --from=build /repo/services/${SERVICE}/package.json services/${SERVICE}/
COPY --from=build /repo/services/${SERVICE}/dist services/${SERVICE}/dist
RUN npm ci --omit=dev --no-audit --no-fund \
      --workspace @netdirect/${SERVICE} --workspace @netdirect/runtime --workspace @netdirect/contracts \
    && npm cache clean --force
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node services/${SERVICE}/dist/main.js"]
