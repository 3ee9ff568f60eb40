"""The loader: typed frames from the schema, and a clear error for every kind of bad input."""
import pandas as pd
import pytest

from bookkit import DataError, load, metadata


def test_load_types_columns_from_the_schema(small_package):
    frame = load("crossings")
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["persons"].dtype) == "Int64"
    assert str(frame["share"].dtype) == "Float64"
    assert frame["persons"].tolist()[0] == 486


def test_a_blank_cell_stays_missing_not_zero(small_package):
    frame = load("crossings")
    assert pd.isna(frame.loc[1, "persons"])


def test_unknown_dataset_names_the_known_ones(small_package):
    with pytest.raises(DataError, match=r"no dataset named 'crosings'.*known datasets: crossings"):
        load("crosings")


def test_missing_file_is_named(small_package):
    (small_package / "crossings.csv").unlink()
    with pytest.raises(DataError, match=r"crossings\.csv: file not found"):
        load("crossings")


def test_misnamed_column_is_named(small_package):
    (small_package / "crossings.csv").write_text(
        "year,purpose,people,share\n2000,Tourism,486,10.5\n")
    with pytest.raises(DataError) as err:
        load("crossings")
    message = str(err.value)
    assert "crossings.csv" in message and "column" in message and "people" in message


def test_missing_column_is_named(small_package):
    (small_package / "crossings.csv").write_text("year,purpose,persons\n2000,Tourism,486\n")
    with pytest.raises(DataError) as err:
        load("crossings")
    assert "crossings.csv" in str(err.value) and "'share'" in str(err.value)


def test_non_numeric_value_names_file_row_and_column(small_package):
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,Tourism,486,10.5\n2001,Private,15 347,3\n")
    with pytest.raises(DataError, match=r"crossings\.csv, row 3, column 'persons': type-error"):
        load("crossings")


def test_duplicate_key_names_file_and_row(small_package):
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,Tourism,486,10.5\n2000,Tourism,500,11\n")
    with pytest.raises(DataError, match=r"crossings\.csv, row 3.*primary-key"):
        load("crossings")


def test_negative_count_is_rejected(small_package):
    (small_package / "crossings.csv").write_text("year,purpose,persons,share\n2000,Tourism,-4,10\n")
    with pytest.raises(DataError, match=r"row 2, column 'persons': constraint-error"):
        load("crossings")


def test_share_above_100_is_rejected(small_package):
    (small_package / "crossings.csv").write_text("year,purpose,persons,share\n2000,Tourism,4,100.5\n")
    with pytest.raises(DataError, match=r"row 2, column 'share': constraint-error"):
        load("crossings")


def test_broken_descriptor_names_the_file_and_line(small_package):
    (small_package / "datapackage.json").write_text('{"resources": [\n  {"name": }\n]}')
    with pytest.raises(DataError, match=r"datapackage\.json, line 2: not valid JSON"):
        metadata("crossings")


def _edit_first_resource(package_dir, edit):
    """Change the test package's first resource descriptor in place."""
    import json
    descriptor = json.loads((package_dir / "datapackage.json").read_text())
    edit(descriptor["resources"][0])
    (package_dir / "datapackage.json").write_text(json.dumps(descriptor))


def test_a_symbolic_link_in_place_of_a_data_file_is_refused(small_package, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.csv"
    outside.write_text((small_package / "crossings.csv").read_text())
    (small_package / "crossings.csv").unlink()
    (small_package / "crossings.csv").symlink_to(outside)
    with pytest.raises(DataError, match=r"crossings\.csv: dataset 'crossings' is a symbolic link"):
        load("crossings")


@pytest.mark.parametrize("bad_path", ["../outside.csv", "/etc/hostname",
                                      "https://example.org/x.csv", "sub/../../x.csv"])
def test_a_path_out_of_data_is_refused_naming_the_dataset(small_package, bad_path):
    _edit_first_resource(small_package, lambda resource: resource.update(path=bad_path))
    with pytest.raises(DataError, match=r"dataset 'crossings' has path .* not a relative path inside data/"):
        load("crossings")


def test_a_header_without_rows_names_the_file(small_package):
    (small_package / "crossings.csv").write_text("year,purpose,persons,share\n")
    with pytest.raises(DataError, match=r"crossings\.csv, row 2: no data rows"):
        load("crossings")


def test_a_resource_without_a_schema_is_named(small_package):
    _edit_first_resource(small_package, lambda resource: resource.pop("schema"))
    with pytest.raises(DataError, match=r"dataset 'crossings' has no schema"):
        load("crossings")


def test_a_huge_bad_value_is_cut_in_the_message(small_package):
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,Tourism," + "9x" * 1_000_000 + ",10\n")
    with pytest.raises(DataError) as err:
        load("crossings")
    message = str(err.value)
    assert "crossings.csv, row 2, column 'persons'" in message.splitlines()[0]
    assert len(message) < 3_000


def test_a_data_file_is_validated_once_per_content_even_across_kernels(small_package, monkeypatch):
    import frictionless

    from bookkit import data

    data._frames.clear()  # an earlier test may have loaded the same content in this process
    first = load("crossings")
    data._frames.clear()  # as a new kernel starts

    def not_again(*args, **kwargs):
        raise AssertionError("validated again although the file did not change")

    real = frictionless.Resource
    monkeypatch.setattr(frictionless, "Resource", not_again)
    pd.testing.assert_frame_equal(load("crossings"), first)
    monkeypatch.setattr(frictionless, "Resource", real)
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,Tourism,many,10.5\n")  # new content: checked again
    with pytest.raises(DataError, match=r"crossings\.csv, row 2.*persons"):
        load("crossings")


def test_a_page_changing_its_table_changes_no_other_load(small_package):
    table = load("crossings")
    table.loc[0, "persons"] = -1
    assert load("crossings").loc[0, "persons"] == 486
