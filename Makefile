# Two entry points: `make demo` (set up, then build the example story) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/harbor-fire/

.PHONY: demo test bench clean rouge-perl chromium serve screenshot

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build $(EXAMPLE) --out out/

test: $(STAMP) rouge-perl chromium
	$(BIN)/ruff check --no-cache src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# tilse's ROUGE-1.5.5 needs the Perl module XML::Parser (Debian: libxml-parser-perl).
rouge-perl:
	@perl -MXML::Parser -e 1 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml-parser-perl) >/dev/null; \
	  else echo "ROUGE needs XML::Parser: sudo apt-get install libxml-parser-perl" >&2; exit 1; fi; }

# The browser tests drive Debian's Chromium through Playwright (browsers cannot be downloaded).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "The browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The web app on the example story: http://127.0.0.1:8000/stories/harbor-fire
serve: $(STAMP)
	@test -f out/harbor-fire.db || $(BIN)/storyline add out/harbor-fire.db $(EXAMPLE) --quiet
	$(BIN)/storyline serve out/harbor-fire.db

# docs/story-page.png, remade from the example story in a real browser.
screenshot: $(STAMP) chromium
	$(BIN)/python tests/browser.py docs/story-page.png

bench: $(STAMP)
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) out .pytest_cache
