# Two commands on a fresh Debian machine: `make site` and `make test`.
SWIFT ?= swift
SCALE ?= 10000

.PHONY: setup site test build-tests unit-tests public-is-fresh site-checks bench fuzz fuzz-smoke clean

setup:
	@bash .ci/setup.sh

## Build the release binary and the seed dossier into public/.
site: setup
	$(SWIFT) build -c release --product dossier
	.build/release/dossier build --content content --templates Templates --output public

build-tests: setup
	$(SWIFT) build --build-tests

unit-tests: build-tests
	$(SWIFT) test --skip-build

## public/ must be what a fresh build of content/ gives, byte for byte.
public-is-fresh: build-tests
	@bash .ci/check-public.sh .build/debug/dossier

## The built seed dossier against the W3C checker, LinkChecker, headless Chromium, axe; screenshots.
site-checks: build-tests
	@bash .ci/site-tools.sh
	DOSSIER_BIN=.build/debug/dossier .venv/bin/python -m pytest -q -p no:cacheprovider Tests/SiteChecks

## Every test: unit and integration tests, the freshness of public/, the site checks, then a short fuzz run.
test: unit-tests public-is-fresh site-checks fuzz-smoke

## Dossier against Hugo and the cmark floor on a generated corpus of $(SCALE) articles (Benchmarks/bench.py):
## best of three, peak RSS, largest page, incremental rebuild, per-stage times; fails when a target is missed.
## `make bench SCALE=100000` shows that the growth is linear.
bench: setup
	$(SWIFT) build -c release --product dossier
	$(SWIFT) build -c release --product dossier-benchmark
	$(SWIFT) build -c release --product dossier-serve
	python3 Benchmarks/bench.py --scale $(SCALE) --dossier .build/release/dossier --bench-tool .build/release/dossier-benchmark

## libFuzzer with address sanitizer on the front matter parse, one article's parse and link, and a whole build
## (Fuzz/): each target for $(FUZZ_SECONDS) s; fails on a crash, a timeout or running out of memory (README: Fuzzing).
FUZZ_SECONDS ?= 60
fuzz: setup
	@SWIFT=$(SWIFT) bash Fuzz/fuzz.sh run $(FUZZ_SECONDS)

## The same, a few seconds per target.
fuzz-smoke: setup
	@SWIFT=$(SWIFT) bash Fuzz/fuzz.sh smoke 5

clean:
	rm -rf .build .build-fuzz
