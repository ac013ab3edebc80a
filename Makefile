# kabar-graph: Indonesian news articles -> knowledge graph. `make help` lists the targets.
SEEDS ?= seeds
OUT ?= data
ALIASES ?= data/aliases.csv
DATA ?= ../shared/datasets
MODEL_ARGS ?=
EXECUTOR ?= local
DASK_SCHEDULER ?=
PYTHON ?= python3
PERIOD ?= week

VENV := .venv
PY := $(VENV)/bin/python
INTERIM := $(OUT)/interim
MODEL ?= pipeline/models
MODEL_FILES := $(MODEL)/id_ner.pt $(MODEL)/id_pretrain.pt $(MODEL)/resources.json $(wildcard $(MODEL)/id_*_charlm.pt)
PARSER_FILES := $(MODEL)/id_pos.pt $(MODEL)/id_depparse.pt $(MODEL)/id_pretrain.pt
SEED_FILES := $(sort $(wildcard $(SEEDS)/*))
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
JUPYTERLAB := jupyterlab==4.6.6

# Each stage's code and resource files, as pipeline/stages.py declares them (stdlib only, so no venv needed):
# "stage:path" words, and $(call inputs,stage) the paths of one stage. The same declaration keys the caches.
STAGE_INPUTS := $(shell $(PYTHON) -m pipeline.stages)
ifeq ($(STAGE_INPUTS),)
$(error python -m pipeline.stages printed nothing: the stage declarations could not be read)
endif
inputs = $(patsubst $(1):%,%,$(filter $(1):%,$(STAGE_INPUTS)))

.DEFAULT_GOAL := help
# an interrupted make must not delete the previous outputs (the stages themselves write atomically)
.PRECIOUS: $(INTERIM)/articles.csv $(INTERIM)/ner.csv $(INTERIM)/sentences.csv $(OUT)/mentions.csv \
	$(OUT)/entities.csv $(OUT)/resolution.csv $(OUT)/duplicates.csv $(OUT)/edges.csv $(OUT)/edges_by_period.csv $(OUT)/cooccurrences.csv \
	$(OUT)/graph.graphml $(OUT)/relations.csv $(OUT)/relations.graphml \
	$(OUT)/figures/network.png
.PHONY: help all venv test test-fast parser model silver soup bench lint notebooks lab clean

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-zA-Z_-]*:/{if(doc){split($$1,t,":"); printf "  make %-10s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)
	@echo "  variables: SEEDS=$(SEEDS) OUT=$(OUT) ALIASES=$(ALIASES) DATA=$(DATA) MODEL=$(MODEL) EXECUTOR=$(EXECUTOR) DASK_SCHEDULER=$(DASK_SCHEDULER) PERIOD=$(PERIOD)"

## Create .venv with the pinned requirements (done by the other targets when needed)
venv: $(STAMP)

$(STAMP): requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	rm -f $(VENV)/.installed-* && touch $@

## Run every stage on SEEDS into OUT (only what changed is re-run)
all: | $(STAMP)
	$(PY) -m pipeline.run --seeds $(SEEDS) --out $(OUT) --aliases $(ALIASES) --model $(MODEL) --executor $(EXECUTOR) \
		$(if $(DASK_SCHEDULER),--scheduler $(DASK_SCHEDULER)) --period $(PERIOD)

# One rule per stage, for targets that need some of the outputs (notebooks): `all` runs the same stages in one
# process (pipeline/run.py decides what is out of date as these rules do, on the same prerequisites; a test checks it)

$(INTERIM)/articles.csv: $(SEED_FILES) $(SEEDS) $(call inputs,ingest) | $(STAMP)
	$(PY) -m pipeline.ingest --seeds $(SEEDS) --out $@

$(INTERIM)/ner.csv $(INTERIM)/sentences.csv &: $(INTERIM)/articles.csv $(MODEL_FILES) $(call inputs,ner) | $(STAMP)
	$(PY) -m pipeline.ner --model $(MODEL) run --articles $< --out $(INTERIM)/ner.csv --out-sentences $(INTERIM)/sentences.csv \
		--cache $(INTERIM)/ner-cache --executor $(EXECUTOR) $(if $(DASK_SCHEDULER),--scheduler $(DASK_SCHEDULER))

$(OUT)/mentions.csv $(OUT)/entities.csv $(OUT)/resolution.csv &: $(INTERIM)/articles.csv $(INTERIM)/ner.csv $(INTERIM)/sentences.csv $(ALIASES) \
		$(call inputs,normalise) | $(STAMP)
	$(PY) -m pipeline.normalise --articles $(INTERIM)/articles.csv --sentences $(INTERIM)/sentences.csv \
		--ner $(INTERIM)/ner.csv --aliases $(ALIASES) --out $(OUT) --cache $(INTERIM)/normalise-cache

$(OUT)/duplicates.csv: $(INTERIM)/articles.csv $(call inputs,stories) | $(STAMP)
	$(PY) -m pipeline.stories --articles $< --out $@ --cache $(INTERIM)/stories-cache

# PERIOD (week, month or day) is a parameter of the graph stage: a stamp per value re-runs it when it changes
$(INTERIM)/period.$(PERIOD):
	mkdir -p $(@D) && rm -f $(INTERIM)/period.* && touch $@

$(OUT)/edges.csv $(OUT)/edges_by_period.csv $(OUT)/cooccurrences.csv &: $(OUT)/mentions.csv $(INTERIM)/articles.csv \
		$(OUT)/duplicates.csv $(INTERIM)/period.$(PERIOD) $(call inputs,graph) | $(STAMP)
	$(PY) -m pipeline.graph --mentions $(OUT)/mentions.csv --articles $(INTERIM)/articles.csv \
		--duplicates $(OUT)/duplicates.csv --period $(PERIOD) --out $(OUT)

$(OUT)/quotes.csv: $(OUT)/mentions.csv $(INTERIM)/articles.csv $(INTERIM)/sentences.csv $(call inputs,quotes) | $(STAMP)
	$(PY) -m pipeline.quotes --articles $(INTERIM)/articles.csv --sentences $(INTERIM)/sentences.csv \
		--mentions $(OUT)/mentions.csv --out $(OUT) --cache $(INTERIM)/quotes-cache

$(OUT)/graph.graphml: $(OUT)/entities.csv $(OUT)/edges.csv $(OUT)/edges_by_period.csv $(OUT)/cooccurrences.csv \
		$(OUT)/quotes.csv $(INTERIM)/articles.csv $(INTERIM)/sentences.csv $(call inputs,export) | $(STAMP)
	$(PY) -m pipeline.export --entities $(OUT)/entities.csv --edges $(OUT)/edges.csv \
		--cooccurrences $(OUT)/cooccurrences.csv --articles $(INTERIM)/articles.csv --sentences $(INTERIM)/sentences.csv \
		--quotes $(OUT)/quotes.csv --out $(OUT)

$(OUT)/relations.csv $(OUT)/relations.graphml &: $(OUT)/mentions.csv $(OUT)/entities.csv $(INTERIM)/articles.csv \
		$(INTERIM)/sentences.csv $(PARSER_FILES) $(call inputs,relations) | $(STAMP)
	$(PY) -m pipeline.relations --articles $(INTERIM)/articles.csv --sentences $(INTERIM)/sentences.csv \
		--mentions $(OUT)/mentions.csv --entities $(OUT)/entities.csv --parser $(MODEL) --out $(OUT) \
		--cache $(INTERIM)/relations-cache

## Run the notebooks on OUT and save their figures to OUT/figures
notebooks: $(OUT)/figures/network.png

$(OUT)/figures/network.png: $(OUT)/graph.graphml $(OUT)/mentions.csv $(OUT)/resolution.csv $(OUT)/edges_by_period.csv $(OUT)/quotes.csv \
		notebooks/01-explore-entities.ipynb notebooks/02-network.ipynb notebooks/03-timeline.ipynb pipeline/backbone.py \
		| $(STAMP)
	cd notebooks && KABAR_DATA=$(abspath $(OUT)) MPLBACKEND=Agg $(abspath $(PY)) -m jupyter execute \
		01-explore-entities.ipynb 02-network.ipynb 03-timeline.ipynb

## Open the notebooks in JupyterLab on OUT (installs JupyterLab into the venv on first use)
lab: $(STAMP)
	$(PY) -c "import jupyterlab" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check $(JUPYTERLAB) -c constraints.txt
	cd notebooks && KABAR_DATA=$(abspath $(OUT)) $(abspath $(PY)) -m jupyter lab

## Run the whole test suite (what CI runs: unit, end-to-end, notebooks, model)
test: $(STAMP)
	$(PY) -m pytest -q

## Run the fast unit tests only (seconds; skips the tests marked slow)
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

## Lint and format check (ruff)
lint: $(STAMP)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

## Retrain the dependency parser on DATA's UD treebanks; shipped only if better on dev (50 minutes on 2 cores)
parser: $(STAMP)
	$(PY) -m pipeline.training.train_parser --ud $(DATA)/ud

## Retrain the NER model from DATA and write its evaluation report (about an hour on 2 cores)
model: $(STAMP)
	$(PY) -m pipeline.training.train_ner --data $(DATA) $(MODEL_ARGS)

## Silver training data: the unlabelled text tagged by models (COMMITTEE="dir dir ...") into build/silver.conll
silver: $(STAMP)
	$(PY) -m pipeline.training.silver $(COMMITTEE) --data $(DATA)

## Average models continued from one model (INGREDIENTS="dir dir ..."); shipped only if better on dev
soup: $(STAMP)
	$(PY) -m pipeline.training.soup $(INGREDIENTS) --data $(DATA)

## Performance benchmark (BENCH_CORPUS=dir: your own articles; BENCH_ARGS="--shapes": also the input shapes)
bench: $(STAMP)
	$(PY) -m benchmarks.bench $(if $(BENCH_CORPUS),--corpus $(BENCH_CORPUS)) --data $(DATA) $(BENCH_ARGS)

## Remove intermediate files and caches in OUT (keeps the final outputs)
clean:
	rm -rf $(INTERIM)
