"""Sphinx extension: author-year citations in round brackets, "(Sadovskaya, 2014)", and a
bibliography labelled the same way.

sphinxcontrib-bibtex's author_year style uses square brackets; this registers the same
style with parentheses under the name ``author_year_round``. Its bibliography styles number
the entries; ``author_year`` is pybtex's plain style (sorted by author, year and title) with
each entry labelled as the text cites it. Both are set in _config.yml.
"""
import dataclasses

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_author: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_label: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_year: BracketStyle = dataclasses.field(default_factory=_round)


def _surname(person) -> str:
    """A person's (or organisation's) last name as printed, without BibTeX's braces."""
    return " ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")


def _who(entry) -> str:
    """'Garver', 'Kaminski and Mitra', 'Peyrouse et al.', 'China Daily'."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in people]
    if not names:
        return entry.fields.get("key") or entry.fields.get("title", "Anon.")
    return " and ".join(names) if len(names) <= 2 else f"{names[0]} et al."


def author_year_label(entry) -> str:
    """'Garver, 2006', 'Kaminski and Mitra, 2012', 'Peyrouse et al., 2012'."""
    return f"{_who(entry)}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearSortingStyle(BaseSortingStyle):
    """In the order of the labels: people and organisations in one alphabet (pybtex's
    author_year_title puts names in braces, the organisations, after all others)."""

    def sorting_key(self, entry):
        return (_who(entry).lower(), entry.fields.get("year", ""), entry.fields.get("title", ""))


class AuthorYearLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield author_year_label(entry)


class AuthorYearStyle(PlainStyle):
    default_label_style = "author_year"
    default_sorting_style = "author_year_label"


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.labels", "author_year", AuthorYearLabelStyle)
    pybtex.plugin.register_plugin("pybtex.style.sorting", "author_year_label",
                                  AuthorYearSortingStyle)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "author_year", AuthorYearStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
