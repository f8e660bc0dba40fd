"""The command line's closing words say what happened, in correct words (issue 13, item 8).

A count reads "1 error", "2 errors"; a command-line argument is not a column;
a command that never touches the site does not say the site is unchanged;
a year prepared from sample data is not marked as sample data.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from scorecard.cli import count, main
from site_fixture import SAMPLE_DATA


@pytest.mark.parametrize("n, noun, said", [(0, "error", "0 errors"), (1, "error", "1 error"), (2, "error", "2 errors"),
                                           (1, "difference", "1 difference"), (40, "difference", "40 differences")])
def test_english_counts_agree_with_their_number(n, noun, said):
    assert count(n, noun) == said


@pytest.fixture
def data(tmp_path):
    """A copy of the sample's 2022 (9 months published): tmp_path/data."""
    shutil.copytree(SAMPLE_DATA / "2022", tmp_path / "data" / "2022")
    return tmp_path / "data"


def break_one_cell(data):
    results = data / "2022" / "results.csv"
    results.write_text(results.read_text(encoding="utf-8").replace("\n", "\nyen-lac,khong-co,q1,1,,,\n", 1),
                       encoding="utf-8")


def test_one_error_is_one_error_and_check_does_not_mention_the_site(data, capsys):
    break_one_cell(data)
    assert main(["check", "--data", str(data), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("\nDữ liệu không hợp lệ: 1 lỗi (invalid input: 1 error).\n")


def test_a_failed_build_says_nothing_was_written_to_the_site(data, tmp_path, capsys):
    break_one_cell(data)
    assert main(["--data", str(data), "--site", str(tmp_path / "site"), "-q"]) == 2
    assert capsys.readouterr().err.endswith(
        "\nDữ liệu không hợp lệ: 1 lỗi (invalid input: 1 error). Chưa ghi gì vào thư mục trang web.\n")


def test_a_command_line_argument_is_not_called_a_column(data, capsys):
    assert main(["draft", "2022", "--period", "y", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert 'Lỗi (error): 2022/year.yml, tham số --period, giá trị "y"' in err
    assert "cột --period" not in err


def test_a_failed_draft_does_not_speak_of_the_site(data, capsys):
    """A draft writes one file in data/, never the site: after a refusal, say that no file was written."""
    assert main(["draft", "2022", "--period", "y", "--data", str(data), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("(invalid input: 1 error). Chưa ghi tệp nào.\n")
    assert "trang web" not in err
    assert main(["draft", "2022", "--period", "9m", "--data", str(data), "-q"]) == 1  # 9m.md is there
    err = capsys.readouterr().err
    assert err.startswith("Lỗi (failure): ") and "đã có: không ghi đè" in err
    assert err.endswith("Chưa ghi tệp nào.\n") and "trang web" not in err


def test_verify_counts_one_difference(tmp_path, capsys):
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA / "2021", data / "2021")
    assert main(["--data", str(data), "--site", str(site), "-q"]) == 0
    (site / "2021" / "index.html").write_text("sửa tay", encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", "--data", str(data), "--site", str(site)]) == 1
    assert capsys.readouterr().err.endswith("\nCó 1 khác biệt so với bản kê. (1 difference.)\n")


def test_template_from_sample_data_is_not_sample_data_and_says_so(data, capsys):
    assert yaml.safe_load((data / "2022" / "year.yml").read_text(encoding="utf-8"))["sample"] is True
    assert main(["template", "2023", "--from", "2022", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    settings = yaml.safe_load((data / "2023" / "year.yml").read_text(encoding="utf-8"))
    assert "sample" not in settings
    assert out.startswith("Năm 2022 là dữ liệu mẫu (sample: true); năm 2023 không được đánh dấu là dữ liệu mẫu. "
                          "Nếu năm 2023 cũng là dữ liệu mẫu, thêm dòng sample: true vào year.yml.")
    assert "Đã tạo " in out


def test_template_from_real_data_has_no_sample_note(data, capsys):
    path = data / "2022" / "year.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("sample: true\n", ""), encoding="utf-8")
    assert main(["template", "2023", "--data", str(data)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0] for line in said] == ["officials.xlsx:", "Đã"]  # the officials carried over, done
    assert not any("sample" in line for line in said)
