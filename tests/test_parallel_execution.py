"""The order in which notebooks start on the cores: the longest first."""
from collections import defaultdict
from types import SimpleNamespace

import nbformat

from bookbuild.parallel_execution import _longest_first


def _job(docname: str, code: str):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    return (docname, notebook, None, None)


def _app(runtimes: dict[str, float]):
    env = SimpleNamespace(nb_metadata=defaultdict(dict))
    for docname, runtime in runtimes.items():
        env.nb_metadata[docname]["exec_data"] = {"runtime": runtime, "succeeded": True}
    return SimpleNamespace(env=env)


def test_pages_that_ran_before_start_in_order_of_their_last_time():
    # The explorer has little code and takes long; a short chapter has much code.
    jobs = [_job("chapters/short", "x = 1\n" * 400), _job("appendix/explore", "x = 1\n"),
            _job("appendix/data", "x = 1\n" * 50)]
    app = _app({"chapters/short": 1.5, "appendix/explore": 5.5, "appendix/data": 2.0})
    assert [job[0] for job in _longest_first(app, jobs)] == [
        "appendix/explore", "appendix/data", "chapters/short"]


def test_pages_never_run_start_first_by_the_length_of_their_code():
    jobs = [_job("appendix/explore", "x = 1\n"), _job("chapters/new", "x = 1\n" * 10),
            _job("chapters/newer", "x = 1\n" * 100)]
    app = _app({"appendix/explore": 5.5})
    assert [job[0] for job in _longest_first(app, jobs)] == [
        "chapters/newer", "chapters/new", "appendix/explore"]
