# chipgate as a container image (docs/install.md, "Container image"). Two stages:
#   build:   Debian 12 with the -dev packages; scripts/package builds the Debian package;
#   runtime: debian:12-slim; apt-get installs that .deb, which pulls in the runtime libraries
#            it depends on (no compiler, no -dev package in the final image).
# Build and run:
#   docker build -t chipgate .
#   docker run --rm -v "$PWD:/work" -w /work chipgate check examples/manifests/order-json.json --no-audit
# The packs are in /usr/share/chipgate/rules; with no --rules, check uses us-ear from there.
FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake pkg-config git \
      libyaml-cpp-dev libsqlite3-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libssl-dev \
      libicu-dev libcpp-httplib-dev libpq-dev dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/package

FROM debian:12-slim AS runtime
COPY --from=build /src/build-package/chipgate_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/chipgate_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/chipgate_*.deb
WORKDIR /work
ENTRYPOINT ["chipgate"]
CMD ["--help"]
