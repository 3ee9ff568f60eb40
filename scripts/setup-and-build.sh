#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine and build the book: site, PDF, EPUB.
#   site: _build/html/index.html     PDF: _build/latex/book.pdf     EPUB: _build/epub/book.epub
#   figures: figures/                (the site also serves the PDF and EPUB: book.pdf, book.epub)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3 python3-venv python3-dev texlive-xetex texlive-latex-extra
  texlive-fonts-recommended texlive-lang-cyrillic latexmk fonts-freefont-otf chromium
  poppler-utils epubcheck)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt
.venv/bin/python -m pip install -q --no-deps -e .
# JupyterLab opens the chapters (MyST Markdown) as notebooks, through jupytext.
mkdir -p .venv/share/jupyter/lab/settings
cp scripts/lab-settings.json .venv/share/jupyter/lab/settings/overrides.json

# Website: warnings are errors, cross-references are checked.
.venv/bin/jupyter-book build . -n -W --keep-going
# PDF through XeLaTeX and EPUB 3 through Sphinx's epub builder (both reuse the executed
# notebooks cached by the site build).
.venv/bin/jupyter-book build . --builder pdflatex
.venv/bin/jupyter-book build . --builder custom --custom-builder epub -W --keep-going
# figures/: every figure as SVG and PNG (the PNGs come from the EPUB build's render cache).
.venv/bin/python -m bookbuild.site.figure_files
# The site's "Download" menu links both editions.
cp _build/latex/book.pdf _build/html/book.pdf
cp _build/epub/book.epub _build/html/book.epub
echo "Site: _build/html/index.html   PDF: _build/latex/book.pdf   EPUB: _build/epub/book.epub"
