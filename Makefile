# The two commands: `make demo` and `make test`. Both create .venv and install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb

.PHONY: demo test test-fast typecheck install fuzz bench bench-deps clean browser attribution-model

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DB)
	$(BIN)/dateline ingest examples/corpus --db $(DB) --actors examples/actors.yaml
	$(BIN)/dateline show --db $(DB)
	-$(BIN)/dateline stories --db $(DB) 2>/dev/null
	-$(BIN)/dateline timeline --db $(DB) --dates 8 2>/dev/null
	@echo "Next: $(BIN)/dateline serve --db $(DB)  (then open http://127.0.0.1:8000/)"

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "apt-get could not install chromium: the browser tests will fail, the others run"; \
	  else echo "chromium missing: run 'sudo apt-get install chromium'"; fi; }

# mypy --strict on src/dateline, ruff on src, bench and tests (settings in pyproject.toml [tool.mypy], [tool.ruff]); `make test` runs it first
typecheck: install
	$(BIN)/mypy src/dateline
	$(BIN)/ruff check src/ bench/ tests/

test: install browser typecheck
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# the fast set for development (< 2 min): everything but the tests marked slow (1 MB article, Ray, full disk,
# kill -9, ...); `make test` still runs them all
test-fast: install
	$(BIN)/python -m pytest -m "not slow" -n 2

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/robustness

# the learned cue detector and attribution filter (shipped in the package; rebuilt from PolNeAR train only when
# missing)
ATTR_MODEL := src/dateline/resources/statements/attribution_model.json
CUE_MODEL := src/dateline/resources/statements/cue_model.json
$(ATTR_MODEL) $(CUE_MODEL) &:
	$(MAKE) install
	$(BIN)/python bench/attribution_train.py --out $(ATTR_MODEL) --cue-out $(CUE_MODEL)

# the spaCy attribution tagger (statements.span_model; trained with spaCy on CPU, fixed seed, ~25 minutes on a
# loaded 2-core machine after the parse)
TAGGER := src/dateline/resources/statements/attribution_tagger/settings.json
$(TAGGER): $(ATTR_MODEL) $(CUE_MODEL)
	$(MAKE) install
	$(BIN)/python bench/attribution_span_train.py

# WordNet 3.0's lexicographer classes of verbs and nouns (statements.wordnet; shipped, 0.3 MB; rebuilt from Debian's
# wordnet-base when missing)
WORDNET := src/dateline/resources/statements/wordnet_classes.tsv.gz
$(WORDNET):
	@test -d /usr/share/wordnet || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wordnet-base >/dev/null; }
	$(BIN)/python bench/wordnet_classes.py --out $(WORDNET)

# the joint cue -> content span model (statements.span_ranker; scikit-learn at build time only, ~15 minutes on a
# loaded 2-core machine after the parse)
RANKER := src/dateline/resources/statements/span_ranker.json
$(RANKER): $(ATTR_MODEL) $(CUE_MODEL) $(WORDNET)
	$(MAKE) install
	$(BIN)/python bench/attribution_spans_train.py

attribution-model: $(ATTR_MODEL) $(CUE_MODEL) $(TAGGER) $(RANKER)

# the bench extra (tilse, scikit-learn, CQE's run-time dependencies) and CQE itself without its conflicting pins
bench-deps: install
	$(BIN)/pip install -q -e '.[bench]' && $(BIN)/pip install -q --no-deps cqe==2.0.3

bench: install
	$(BIN)/python bench/tempeval3.py

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache
