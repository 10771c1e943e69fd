# syntax=docker/dockerfile:1.7
# One recipe for every service's image (multi-stage, multi-arch):
#   docker buildx build --platform linux/amd64,linux/arm64 --build-arg SERVICE=user -t shop/user:dev .
# The build context is the repository root: npm workspaces share one lockfile and services/common.
# Node matches scripts/ensure-node.sh (24 LTS); make test checks they agree.
ARG NODE_IMAGE=node:24.21.0-trixie-slim

# Compile every service and the kit once (the storefront also bundles its web app). This stage
# does not read SERVICE, so building the nine images runs it once and reuses its layers.
FROM ${NODE_IMAGE} AS build
WORKDIR /repo
COPY . .
# A TLS-intercepting proxy's CA reaches npm as the build secret "ca" (never a layer):
#   podman build --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt ... (make images does)
RUN --mount=type=secret,id=ca,required=false --mount=type=cache,id=shop-npm,target=/root/.npm \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi \
 && npm ci --no-audit --no-fund \
 && npx tsc --build services/* \
 && npm run --if-present --workspaces bundle \
 && mkdir -p /manifests \
 && find . -name package.json -not -path '*/node_modules/*' | tar -c -T - package-lock.json | tar -C /manifests -x

# What runs for SERVICE: dist/, migrations and static files of the service, the kit, the
# topology and the contracts (protos).
FROM build AS app
ARG SERVICE
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/package.json" \
 && for dir in topology contracts/* services/common "services/${SERVICE}"; do \
      mkdir -p "/runtime/${dir}" && tar -C "${dir}" -c --exclude=./src --exclude=./test --exclude=./node_modules \
        --exclude='*.tsbuildinfo' . | tar -C "/runtime/${dir}" -x; \
    done

# Production dependencies only, from the package manifests alone (cached until they change).
FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /repo
COPY --from=build /manifests/ ./
RUN --mount=type=secret,id=ca,required=false --mount=type=cache,id=shop-npm,target=/root/.npm \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi \
 && npm ci --no-audit --no-fund --omit=dev --workspace "services/${SERVICE}" \
 && mkdir -p services/common/node_modules "services/${SERVICE}/node_modules"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# As the local runner (tools/shopctl/src/runner): glibc maps blocks of 128 KiB and more and unmaps
# them when freed (else scrypt's buffers stay resident), and V8's young generation stays small.
ENV NODE_ENV=production MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=deps /repo/package.json ./
COPY --from=deps /repo/node_modules ./node_modules
COPY --from=deps /repo/services/common/node_modules ./services/common/node_modules
COPY --from=deps /repo/services/${SERVICE}/node_modules ./services/${SERVICE}/node_modules
COPY --from=app /runtime/ ./
WORKDIR /app/services/${SERVICE}
# The numeric non-root user the Kubernetes manifests also name (runAsUser 10001).
USER 10001:10001
CMD ["node", "--max-semi-space-size=2", "dist/main.js"]
