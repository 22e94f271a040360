"""Small helpers every export uses."""

from crosslearn.lib.spreadsheets import escape_formula, in_chunks


def test_streamed_lines_are_sent_in_few_chunks_and_nothing_is_lost():
    lines = [f"line {number},=1+1\n" for number in range(20_000)]
    chunks = list(in_chunks(lines, size=64 * 1024))
    assert "".join(chunks) == "".join(lines)
    assert len(chunks) == len("".join(lines)) // (64 * 1024) + 1
    assert all(len(chunk) < 64 * 1024 + 100 for chunk in chunks)
    assert list(in_chunks([])) == []


def test_formula_like_cells_are_escaped():
    assert escape_formula("=SUM(A1)") == "'=SUM(A1)"
    assert escape_formula("plain") == "plain"
