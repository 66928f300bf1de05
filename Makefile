# ogi — self-documenting Makefile: `make` or `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed.stamp
NB_STAMP := $(VENV)/.notebooks.stamp
# the development gold: ../shared/corpora/dev/gold beside the project, or $OGI_DEV_CORPUS/gold;
# `make eval DEV_GOLD=DIR` scores another gold folder
DEV_GOLD ?=

.PHONY: help venv demo test lint eval bench figures notebooks clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,dask]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install ogi with its test tools

demo: $(STAMP) ## set up, process corpora/sample once, score it, draw results/figures, write audit pages
	$(BIN)/ogi demo --corpus corpora/sample --out results/corpus --figures results/figures

test: $(STAMP) ## set up, then run the whole test suite (notebooks and the docstrings' examples included)
	$(BIN)/python -m pytest -q tests --nbmake notebooks
	$(BIN)/python -m pytest -q -p no:cacheprovider --doctest-modules src/ogi

lint: $(STAMP) ## ruff and mypy over the code (config in pyproject.toml)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

eval: $(STAMP) ## score the parser on the development gold (../shared/corpora/dev/gold; DEV_GOLD=DIR or OGI_DEV_CORPUS=DIR for another)
	$(BIN)/ogi eval $(DEV_GOLD)

bench: $(STAMP) ## measure parse and statement throughput against the tokenizer baseline
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_statements.py
	$(BIN)/python benchmarks/bench_process.py --n 1000 --repeat 3

figures: $(STAMP) ## rebuild results/figures (figures, CSV, LaTeX, provenance) from corpora/sample (processed once into results/corpus)
	$(BIN)/ogi figures --corpus corpora/sample --dataset results/corpus --out results/figures

$(NB_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[notebooks]'
	touch $(NB_STAMP)

notebooks: $(NB_STAMP) ## install JupyterLab (the notebooks extra) and open notebooks/ in it
	$(BIN)/jupyter lab notebooks

clean: ## remove the virtual environment and generated results
	rm -rf $(VENV) results/demo results/corpus results/figures .pytest_cache
