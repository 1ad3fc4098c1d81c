"""Published counts obey k, and no total gives a hidden count away."""

import random

import pytest

from dialogue_blocks.anonymity import (
    figure,
    lines_along,
    suppress_breakdown,
    suppress_table,
)


def test_a_count_below_k_reads_fewer_than_k():
    assert str(figure(9, 10)) == "minder dan 10"
    assert str(figure(10, 10)) == "10"


def test_a_single_hidden_group_takes_the_smallest_other_with_it():
    shown = suppress_breakdown({"burgemeester": 12, "griffier": 3, "raadslid": 20}, 10)
    assert {group: str(value) for group, value in shown.items()} == {
        "burgemeester": "minder dan 10",  # else 35 − 12 − 20 would give griffier
        "griffier": "minder dan 10",
        "raadslid": "20",
    }


def test_hidden_groups_that_hold_fewer_than_k_together_take_another_with_them():
    # 6 of 7 agree: hiding 1 and 0 alone would say one person did not agree.
    shown = suppress_breakdown({"eens": 12, "oneens": 1, "weet niet": 0}, 10)
    assert [value.value for value in shown.values()] == [None, None, None]
    shown = suppress_breakdown({"eens": 30, "oneens": 12, "a": 2, "b": 3}, 10)
    assert {group: value.value for group, value in shown.items()} == {
        "eens": 30,
        "oneens": None,  # 2 + 3 hidden would be a group of five
        "a": None,
        "b": None,
    }


def test_without_a_published_total_nothing_more_is_hidden():
    shown = suppress_breakdown({"a": 12, "b": 3, "c": 20}, 10, total_shown=False)
    assert [value.value for value in shown.values()] == [12, None, 20]


def test_rows_and_columns_are_both_protected():
    cells = {
        ("eens", "klein"): 15,
        ("eens", "groot"): 4,
        ("oneens", "klein"): 11,
        ("oneens", "groot"): 30,
    }
    shown = suppress_table(cells, 10)
    # The 4 hides; its row takes the 15, its column the 30; then row two hides
    # one of two, so the 11 goes too: every line hides none or at least two.
    assert {key for key, value in shown.items() if not value.is_shown} == set(cells)


@pytest.mark.parametrize("seed", range(30))
def test_no_line_with_a_total_hides_exactly_one_cell(seed):
    rng = random.Random(seed)
    k = rng.choice([3, 5, 10])
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    cells = {(r, c): rng.randint(0, 25) for r in range(rows) for c in range(columns)}
    shown = suppress_table(cells, k)
    for key, value in shown.items():
        assert value.value in (None, cells[key])
        if cells[key] < k:
            assert not value.is_shown
    for position in (0, 1):
        for line in lines_along(cells, position):
            hidden = [key for key in line if not shown[key].is_shown]
            assert len(hidden) != 1 or len(line) == 1
            if len(hidden) < len(line):
                assert sum(cells[key] for key in hidden) in (0, *range(k, 10**6))
