# One command to run the app, one to run every test. Both install what they need first.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run serve test test-postgres postgres check mutants install install-dev chromium nginx axe screenshots bench bench-load clean

$(VENV)/.installed: requirements.txt
	@echo "== Cài đặt các gói vào $(VENV) / installing the packages (lần đầu 1–3 phút / first time 1–3 minutes)…"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Browser tests drive Debian's Chromium (Playwright cannot download its own browser here): the tests its headless
## shell, the screenshots and benchmarks the full browser (tests/conftest.py)
chromium:
	@test -x /usr/bin/chromium -a -x /usr/lib/chromium/chromium-headless-shell || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium chromium-headless-shell; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium chromium-headless-shell; fi; }

## nginx (Debian's light build, and its brotli filter) in front of the workers of `make serve`
nginx:
	@test -x /usr/sbin/nginx -a -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q nginx-light libnginx-mod-http-brotli-filter; \
	  else sudo apt-get update -q && sudo apt-get install -y -q nginx-light libnginx-mod-http-brotli-filter; fi; }

## PostgreSQL server binaries (Debian): the tests start a throwaway cluster with them (tests/postgres.py)
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q postgresql; \
	  else sudo apt-get update -q && sudo apt-get install -y -q postgresql; fi; }

## axe-core (npm), injected into the pages by the accessibility tests; npm comes from Debian if missing.
AXE = tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q npm; \
	  else sudo apt-get update -q && sudo apt-get install -y -q npm; fi; }
	cd tests/axe && npm ci --no-audit --no-fund --silent
	touch $@
axe: $(AXE)

## Install and start the app on http://localhost:$(PORT) (every interface of the machine, or ADDRESS=127.0.0.1)
ADDRESS ?= 0.0.0.0
run: install
	@echo "== Ứng dụng / the app: http://localhost:$(PORT) (lắng nghe / listening on $(ADDRESS):$(PORT))"
	$(PY) -m streamlit run serve.py --server.address $(ADDRESS) --server.port $(PORT) --browser.gatherUsageStats false

## Install and serve the app as $(WORKERS) Streamlit workers behind nginx on http://<this machine>:$(SERVE_PORT)
WORKERS    ?= 2
SERVE_PORT ?= 8080
serve: install nginx
	$(PY) deploy/cluster.py --workers $(WORKERS) --port $(SERVE_PORT)

## Install everything and run the whole test suite: static checks, unit, page and browser tests, mutants;
## prints each step's wall time and the total (also when a step fails). mypy runs beside pytest at the lowest
## priority (one process, the CPU time pytest's workers leave while they wait); its report follows pytest's.
test: install-dev chromium nginx postgres axe
	@started=$$(date +%s); \
	step() { at=$$(date +%s); echo "== $$*"; "$$@"; code=$$?; \
	  echo "== $$(( $$(date +%s) - at )) s: $$*"; \
	  if [ $$code != 0 ]; then echo "== make test: FAILED after $$(( $$(date +%s) - started )) s"; exit $$code; fi; }; \
	step $(PY) -m ruff check . ; \
	step $(PY) -m ruff format --check . ; \
	typing=$$(mktemp); \
	( at=$$(date +%s); nice -n 19 $(PY) -m mypy > $$typing.out 2>&1; code=$$?; \
	  echo "== $$(( $$(date +%s) - at )) s: $(PY) -m mypy (beside pytest, lowest priority)" >> $$typing.out; \
	  echo $$code > $$typing ) & typing_pid=$$!; \
	echo "== $(PY) -m mypy: beside pytest, lowest priority (its report after pytest's)"; \
	at=$$(date +%s); echo "== $(PY) -m pytest -q $(PARALLEL)"; \
	$(PY) -m pytest -q $(PARALLEL); tests=$$?; \
	echo "== $$(( $$(date +%s) - at )) s: $(PY) -m pytest -q $(PARALLEL)"; \
	wait $$typing_pid; cat $$typing.out; typed=$$(cat $$typing); rm -f $$typing $$typing.out; \
	if [ "$$tests" != 0 ] || [ "$$typed" != 0 ]; then \
	  echo "== make test: FAILED after $$(( $$(date +%s) - started )) s"; exit 1; fi; \
	step $(PY) scripts/mutants.py --jobs $(MUTANT_JOBS) ; \
	echo "== make test: passed in $$(( $$(date +%s) - started )) s (wall time)"

## How `make test` spreads the tests (pytest-xdist): workers and distribution, measured on 2 cores (docs/architecture.md#tests);
## `pytest tests/test_x.py` alone runs serially
PARALLEL    ?= -n 3 --dist loadgroup
MUTANT_JOBS ?= 3

## The whole pytest suite again with every test's store on PostgreSQL (a throwaway cluster)
test-postgres: install-dev chromium nginx postgres axe
	LCM_TEST_STORE=postgresql $(PY) -m pytest -q $(PARALLEL)

## Static checks only: ruff (lint and format) and mypy, configured in pyproject.toml
check: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

## One-line mutations of the key rules; each must make a test fail
mutants: install-dev
	$(PY) scripts/mutants.py --jobs $(MUTANT_JOBS)

## Screenshots of every page at 1920×1080, 1280×720, 390×844 and 360×800, Vietnamese and English
screenshots: install-dev chromium
	$(PY) scripts/screenshots.py artifacts/screens

## Print reader, cold-start, warm-rerun and Chromium page-switch figures (not a test)
bench: install-dev
	$(PY) scripts/benchmark_reader.py
	$(PY) scripts/benchmark_register.py
	$(PY) scripts/benchmark.py
	$(PY) scripts/bench_page_switch.py

## N viewers opening a page at once (websocket, loopback), app vs a floor app: p50/p95, CPU/session, RSS;
## the same behind nginx with 1 and 2 workers; first-visit bytes through nginx
bench-load: install-dev nginx chromium
	$(PY) scripts/bench_load.py --nginx-workers 1,2
	$(PY) scripts/bench_first_visit.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache
