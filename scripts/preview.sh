#!/usr/bin/env bash
# Live preview while writing: rebuild the site on every save and reload the browser.
#
#   bash scripts/preview.sh [PORT]        then open http://127.0.0.1:PORT/ (default 8000)
#
# It is the build of `jupyter-book build . -n -W --keep-going`, run by sphinx-autobuild: the
# same output (_build/html), Sphinx environment (_build/.doctrees) and execution cache
# (_build/.jupyter_cache), so a save re-executes only the pages whose inputs changed
# (bookbuild/freshness.py) and a later `jupyter-book build` has nothing left to redo.
# Jupyter Book 1.x has no live preview of its own: the Sphinx configuration is written from
# _config.yml and _toc.yml into _build/preview/ before every rebuild, so it is never
# committed and never stale. The server listens on 127.0.0.1 only; outputs (_build,
# figures, downloads) and the virtual environment are not watched, so a build does not
# trigger the next one. Stop it with Ctrl-C.
set -euo pipefail

BOOK="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PYTHON="${PYTHON:-$BOOK/.venv/bin/python}"
CONF_DIR="$BOOK/_build/preview"
cd "$BOOK"

write_conf() {
    mkdir -p "$CONF_DIR"
    cp _config.yml "$CONF_DIR/_config.yml"   # `config sphinx` writes conf.py beside the config
    "$(dirname "$PYTHON")/jupyter-book" config sphinx . --config "$CONF_DIR/_config.yml" >/dev/null
    # What `jupyter-book build . -n` sets besides _config.yml, so that both builds share
    # one configuration and neither invalidates the other's environment.
    cat >> "$CONF_DIR/conf.py" <<EOF
import sys
sys.path.append("$BOOK")
external_toc_path = "$BOOK/_toc.yml"
latex_individualpages = False
nitpicky = True
EOF
    # Sphinx reads html_favicon, and sphinxcontrib-bibtex the .bib files, beside conf.py.
    # Links (made once: the watcher sees through them) resolve to the book's own files.
    for target in "$BOOK/images" "$BOOK"/*.bib; do
        link="$CONF_DIR/$(basename "$target")"
        [[ "$(readlink "$link" 2>/dev/null)" == "$target" ]] || ln -sfn "$target" "$link"
    done
}

if [[ "${1:-}" == "--write-conf" ]]; then
    write_conf
    exit 0
fi

PORT="${1:-8000}"
write_conf
exec "$PYTHON" -m sphinx_autobuild "$BOOK" "$BOOK/_build/html" \
    -b html -c "$CONF_DIR" -d "$BOOK/_build/.doctrees" -n -W --keep-going \
    --host 127.0.0.1 --port "$PORT" \
    --pre-build "bash '$BOOK/scripts/preview.sh' --write-conf" \
    --ignore "$BOOK/_build" --ignore "$BOOK/.venv" --ignore "$BOOK/figures" \
    --ignore "$BOOK/downloads" --ignore "$BOOK/tests" --ignore "$BOOK/benchmarks" \
    --re-ignore '/(__pycache__|\.ipynb_checkpoints|\.git|[^/]+\.egg-info)(/|$)' \
    --re-ignore '(\.sw[px]|~|\.tmp|\.pyc)$'
