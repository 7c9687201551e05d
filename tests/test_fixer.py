"""Fixing: one pure function, deterministic collisions, convergence, idempotence, and files written
atomically with their BOM, newlines and mode kept."""

from __future__ import annotations

import codecs
import os
import stat

import pytest

from tqlint.finding import Edit, Finding, Fix, Severity
from tqlint.fixer import apply_edits, apply_fixes, chosen_fixes, fix_until_stable
from tqlint.text.files import FileError, decode, encode, read_file, write_atomically


def fix(*edits, safe=True, title="t"):
    return Fix(title, tuple(edits), safe)


class TestApplyFixes:
    def test_applies_independent_edits_in_any_order(self):
        text = "a , b ; c"
        new, applied, rejected = apply_fixes(text, [fix(Edit(5, 6, "")), fix(Edit(1, 2, ""))])
        assert new == "a, b; c" and len(applied) == 2 and rejected == []

    def test_overlapping_fix_loses_to_the_earlier_one(self):
        text = "grew with"
        first = fix(Edit(5, 9, "by"))
        second = fix(Edit(0, 9, "rose by"))
        assert apply_fixes(text, [first, second]) == ("grew by", [first], [second])
        assert apply_fixes(text, [second, first]) == ("rose by", [second], [first])

    def test_two_insertions_at_one_point_collide(self):
        first, second = fix(Edit(1, 1, "x")), fix(Edit(1, 1, "y"))
        assert apply_fixes("ab", [first, second]) == ("axb", [first], [second])

    def test_insertion_inside_a_replacement_collides(self):
        replace, insert = fix(Edit(0, 3, "XYZ")), fix(Edit(1, 1, "!"))
        new, applied, rejected = apply_fixes("abc", [replace, insert])
        assert (new, rejected) == ("XYZ", [insert])

    def test_insertion_at_the_edge_of_a_replacement_is_kept(self):
        new, applied, rejected = apply_fixes("abc", [fix(Edit(1, 2, "B")), fix(Edit(1, 1, "<")), fix(Edit(2, 2, ">"))])
        assert new == "a<B>c" and not rejected

    def test_adjacent_replacements_do_not_collide(self):
        new, _, rejected = apply_fixes("abcd", [fix(Edit(0, 2, "X")), fix(Edit(2, 4, "Y"))])
        assert new == "XY" and not rejected

    def test_a_multi_edit_fix_applies_whole_or_not_at_all(self):
        quotes = fix(Edit(0, 1, "“"), Edit(3, 4, "”"))
        blocker = fix(Edit(3, 4, '"'))
        new, applied, rejected = apply_fixes("„ab” x", [blocker, quotes])
        assert new == '„ab" x' and rejected == [quotes]

    def test_fix_whose_own_edits_overlap_is_rejected(self):
        bad = fix(Edit(0, 2, "x"), Edit(1, 3, "y"))
        assert apply_fixes("abcd", [bad]) == ("abcd", [], [bad])

    @pytest.mark.parametrize("edit", [Edit(-1, 0, "x"), Edit(2, 9, "x"), Edit(3, 2, "x")])
    def test_edits_outside_the_text_are_rejected(self, edit):
        assert apply_fixes("abcd", [fix(edit)])[0] == "abcd"

    def test_text_outside_the_edits_is_unchanged(self):
        text = "0123456789"
        new, _, _ = apply_fixes(text, [fix(Edit(2, 4, "ab")), fix(Edit(7, 7, "-"))])
        assert new == "01ab456-789"

    def test_is_pure(self):
        fixes = [fix(Edit(0, 1, "X"))]
        assert apply_fixes("abc", fixes) == apply_fixes("abc", fixes)

    def test_apply_edits(self):
        assert apply_edits("a , b", [Edit(1, 2, ""), Edit(1, 3, "")]) == ("a, b", [Edit(1, 3, "")])


def finding(start, *fixes):
    return Finding("p/r", "Fluency/Punctuation", Severity.ERROR, "m", start, start + 1, "x", tuple(fixes))


def test_chosen_fixes_take_the_first_allowed_alternative():
    unsafe, safe = fix(Edit(0, 1, "u"), safe=False), fix(Edit(0, 1, "s"))
    findings = [finding(0, unsafe, safe), finding(1, unsafe), finding(2)]
    assert chosen_fixes(findings) == [safe]
    assert chosen_fixes(findings, unsafe=True) == [unsafe, unsafe]


class TestFixUntilStable:
    def test_fixes_converge_and_fixing_twice_equals_fixing_once(self, linter):
        text = "Rates rose , ;then fell ,  and wages grew with 2 percent ,bread,milk."
        once, applied, result = linter.fix_text(text, "a.txt", unsafe=True)
        twice, applied_again, _ = linter.fix_text(once, "a.txt", unsafe=True)
        assert once == "Rates rose,;then fell,  and wages grew by 2 percent, bread, milk."
        assert twice == once and applied_again == 0
        assert applied >= 4

    def test_safe_only_by_default(self, linter):
        fixed, applied, result = linter.fix_text("Prices grew with 2 percent , then fell.", "a.txt")
        assert fixed == "Prices grew with 2 percent, then fell."
        assert [f.rule for f in result.findings] == ["testpack/grew-with"]

    def test_a_fix_that_exposes_another_problem_is_followed_up(self):
        # Rule one turns "a" into "b"; rule two turns "b" into "c": two rounds.
        def lint(text):
            return [finding(i, fix(Edit(i, i + 1, {"a": "b", "b": "c"}[ch]))) for i, ch in enumerate(text) if ch in "ab"]

        assert fix_until_stable("xax", lint)[0] == "xcx"

    def test_oscillating_fixes_stop_after_a_bounded_number_of_rounds(self):
        def lint(text):
            return [finding(0, fix(Edit(0, 1, "b" if text[0] == "a" else "a")))]

        text, left, applied = fix_until_stable("a", lint, max_rounds=5)
        assert applied == 5 and left


class TestSource:
    @pytest.mark.parametrize("bom,encoding", [
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ])
    def test_bom_decides_the_encoding_and_round_trips(self, bom, encoding):
        data = bom + "Préţ , x\r\n".encode(encoding)
        source = decode(data)
        assert source.text == "Préţ , x\r\n" and source.bom == bom
        assert encode(source, source.text) == data

    def test_invalid_utf8_names_the_byte_and_line(self):
        with pytest.raises(FileError, match=r"byte 0xff at offset 5 \(line 2\)"):
            decode(b"ab\ncd\xff")

    def test_binary_file(self):
        with pytest.raises(FileError, match="binary"):
            decode(b"\x00\x01abc")

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileError, match="not found"):
            read_file(str(tmp_path / "nope.md"))

    def test_write_atomically_keeps_the_mode_and_leaves_no_temp_file(self, tmp_path):
        path = tmp_path / "a.md"
        path.write_text("old")
        os.chmod(path, 0o640)
        inode = path.stat().st_ino
        write_atomically(str(path), b"new")
        assert path.read_bytes() == b"new"
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
        assert os.listdir(tmp_path) == ["a.md"]

    def test_write_through_a_symlink_replaces_the_target(self, tmp_path):
        target = tmp_path / "real.md"
        target.write_text("old")
        link = tmp_path / "link.md"
        link.symlink_to(target)
        write_atomically(str(link), b"new")
        assert link.is_symlink() and target.read_text() == "new"

    def test_read_only_file_is_not_changed(self, tmp_path, monkeypatch):
        path = tmp_path / "a.md"
        path.write_text("old")
        os.chmod(path, 0o444)
        # os.access says what the user may do; root may write anything, so ask as a user would.
        monkeypatch.setattr(os, "access", lambda p, mode: False)
        with pytest.raises(FileError, match="read-only"):
            write_atomically(str(path), b"new")
        assert path.read_text() == "old" and os.listdir(tmp_path) == ["a.md"]

    def test_failed_write_leaves_the_original_and_no_temp_file(self, tmp_path, monkeypatch):
        path = tmp_path / "a.md"
        path.write_text("old")

        def broken(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", broken)
        with pytest.raises(OSError):
            write_atomically(str(path), b"new")
        assert path.read_text() == "old" and os.listdir(tmp_path) == ["a.md"]


class TestFixFile:
    @pytest.mark.parametrize("raw,expected", [
        (b"A , b.\n", b"A, b.\n"),
        (b"A , b.", b"A, b."),  # no final newline: none added
        (b"A , b.\r\nC ; d.\r\n", b"A, b.\r\nC; d.\r\n"),  # CRLF kept
        (codecs.BOM_UTF8 + b"A , b.\n", codecs.BOM_UTF8 + b"A, b.\n"),  # BOM kept
        ("A , b.\n".encode("utf-16"), "A, b.\n".encode("utf-16")),
        (b"A , b.\n\n\n", b"A, b.\n\n\n"),
    ])
    def test_bytes_outside_the_fix_are_kept(self, linter, tmp_path, raw, expected):
        path = tmp_path / "a.txt"
        path.write_bytes(raw)
        outcome = linter.fix_file(str(path))
        assert outcome.written and path.read_bytes() == expected

    def test_mode_is_kept(self, linter, tmp_path):
        path = tmp_path / "a.md"
        path.write_text("A , b.\n")
        os.chmod(path, 0o600)
        linter.fix_file(str(path))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def test_clean_file_is_not_rewritten(self, linter, tmp_path):
        path = tmp_path / "a.md"
        path.write_text("Clean.\n")
        before = path.stat().st_ino
        outcome = linter.fix_file(str(path))
        assert not outcome.written and not outcome.changed and path.stat().st_ino == before

    def test_without_write_nothing_changes(self, linter, tmp_path):
        path = tmp_path / "a.md"
        path.write_text("A , b.\n")
        outcome = linter.fix_file(str(path), write=False)
        assert outcome.changed and not outcome.written and path.read_text() == "A , b.\n"
        assert outcome.fixed == "A, b.\n"

    def test_markdown_code_is_never_changed(self, linter, tmp_path):
        text = "Prose , here.\n\n```\ncode , here\n```\n\nInline `a , b` too , ok.\n"
        path = tmp_path / "a.md"
        path.write_text(text)
        linter.fix_file(str(path), unsafe=True)
        assert path.read_text() == text.replace("Prose ,", "Prose,").replace("too ,", "too,")

    def test_suppressed_findings_are_not_fixed(self, linter, tmp_path):
        text = "A , b.\n<!-- tqlint-disable-next-line -->\nC , d.\n"
        path = tmp_path / "a.md"
        path.write_text(text)
        linter.fix_file(str(path))
        assert path.read_text() == text.replace("A ,", "A,")

    def test_unreadable_file_gives_an_error_outcome(self, linter, tmp_path):
        path = tmp_path / "a.txt"
        path.write_bytes(b"\xff\xfe\xfd not utf-8 \xff")
        outcome = linter.fix_file(str(path))
        assert outcome.error and outcome.result.error and not outcome.written
