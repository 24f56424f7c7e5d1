# cohortbot: build in the Rust image, run from a small Debian one as a user without privileges.
# Chart labels use a font embedded in the binary, so the runtime needs no font packages.

FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY migrations migrations
COPY benches benches
COPY tests/fake-discord tests/fake-discord
RUN cargo build --release --locked --bin cohortbot

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --create-home cohortbot
COPY --from=build /src/target/release/cohortbot /usr/local/bin/cohortbot
COPY prompts /app/prompts
ENV COHORTBOT_PROMPTS_DIR=/app/prompts \
    DATABASE_URL=sqlite:///data/cohortbot.db \
    COHORTBOT_HTTP_ADDRESS=0.0.0.0:9090
USER cohortbot
WORKDIR /data
VOLUME /data
EXPOSE 9090
ENTRYPOINT ["cohortbot"]
CMD ["run"]
