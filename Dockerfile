# exitready in a container, for pipelines without Node.js:
#   docker build -t exitready .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" exitready assess inventory.json --out-dir report
# Build stage: compile and pack exactly what `npm pack` publishes.
FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp/pack

# Runtime stage: the packed tarball installed globally, run as the unprivileged node user.
FROM node:22-slim
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY --from=build /tmp/pack/ /tmp/pack/
RUN npm install -g --no-audit --no-fund /tmp/pack/exitready-*.tgz \
    && rm -rf /tmp/pack \
    && npm cache clean --force
USER node
WORKDIR /work
ENTRYPOINT ["exitready"]
CMD ["--help"]
