"""Reading a batch: JSON lines and CSV, types, and every bad line refused before anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from videodb_gen import BatchInputError, BatchRequest, read_batch_file
from videodb_gen._batch_input import check_requests


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_json_lines_name_every_operation_and_skip_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "in.jsonl",
        '{"prompt": "a fox", "duration": 6}\n'
        "\n"
        '{"op": "image", "prompt": "a lighthouse", "aspect_ratio": "16:9"}\n'
        '{"operation": "text", "prompt": "a tagline", "temperature": 0.5, "key": "t"}\n'
        '{"op": "music", "prompt": "strings"}\n'
        '{"op": "sound-effect", "prompt": "waves", "config": {"x": 1}}\n'
        '{"op": "voice", "text": "hello", "key": 7}\n'
        '{"op": "dub", "video_id": "m-1", "language_code": "es"}\n',
    )
    requests = read_batch_file(path)
    assert [(r.op, r.key, r.line) for r in requests] == [
        ("video", None, 1),
        ("image", None, 3),
        ("text", "t", 4),
        ("music", None, 5),
        ("sound-effect", None, 6),
        ("voice", "7", 7),
        ("dub", None, 8),
    ]
    assert requests[0].arguments == {"prompt": "a fox", "duration": 6}
    checked = check_requests(requests)
    keys = [c.key for c in checked]
    assert [keys[2], keys[5]] == ["t", "7"]  # given; the others are made of the content
    assert all(len(key) == 16 and int(key, 16) >= 0 for key in keys[:2] + keys[3:5] + keys[6:])
    assert [c.kind.name for c in checked][4] == "sound_effect"
    # The defaults of the method are filled in: a line is the whole call.
    assert checked[0].arguments == {"prompt": "a fox", "duration": 6, "callback_url": None}
    assert checked[3].arguments["duration"] == 5


def test_csv_cells_become_the_arguments_types(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "in.csv",
        "op,prompt,duration,temperature,max_tokens,config,key\n"
        "video,a fox,6,,,,\n"
        'text,"a tagline, short",,0.7,40,,tag\n'
        'sound_effect,waves,3,,,"{""intensity"": 0.5}",\n',
    )
    requests = read_batch_file(path)
    assert [r.arguments for r in requests] == [
        {"prompt": "a fox", "duration": 6},
        {"prompt": "a tagline, short", "temperature": 0.7, "max_tokens": 40},
        {"prompt": "waves", "duration": 3, "config": {"intensity": 0.5}},
    ]
    assert [r.line for r in requests] == [2, 3, 4]
    assert requests[1].key == "tag"


def test_a_file_without_a_known_suffix_is_told_apart_by_its_first_character(
    tmp_path: Path,
) -> None:
    assert read_batch_file(write(tmp_path, "a.txt", '{"prompt": "x"}\n'))[0].line == 1
    assert read_batch_file(write(tmp_path, "b.txt", "prompt\nx\n"))[0].line == 2


def test_every_bad_line_is_named_with_its_field_and_rule(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "in.jsonl",
        '{"prompt": "fine", "key": "1"}\n'
        '{"prompt": "a fox", "duration": 9}\n'
        "not json\n"
        '{"op": "podcast", "prompt": "x"}\n'
        '{"prompt": "x", "aspect_ratio": "16:9"}\n'
        '{"op": "voice"}\n'
        '{"prompt": "x", "duration": "6"}\n'
        "[1, 2]\n"
        '{"prompt": "x", "key": "1"}\n',
    )
    with pytest.raises(BatchInputError) as refused:
        read_batch_file(path)
    problems = [(p.where, p.field) for p in refused.value.problems]
    assert problems == [
        ("line 2", "duration"),
        ("line 3", "line"),
        ("line 4", "op"),
        ("line 5", "aspect_ratio"),
        ("line 6", "text"),
        ("line 7", "duration"),
        ("line 8", "line"),
        ("line 9", "key"),
    ]
    message = str(refused.value)
    assert "line 2: duration: must be from 5 to 8 seconds, got 9" in message
    assert "line 6: text: is required by 'voice'" in message
    assert "line 9: key: '1' is already the key of line 1" in message
    assert refused.value.field == "duration"  # it is an InvalidInputError, the first problem's


def test_bad_csv_cells_are_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "in.csv",
        "op,prompt,duration,config\nvideo,a fox,six,\nsound_effect,w,2,{oops\nvideo,x,6\n",
    )
    with pytest.raises(BatchInputError) as refused:
        read_batch_file(path)
    assert [str(p) for p in refused.value.problems] == [
        "line 2: duration: must be an integer, got 'six'",
        "line 3: config: must be a JSON object (Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1))",
        "line 4: row: has 3 cells where the header has 4",
    ]


def test_requests_from_python_are_checked_alike() -> None:
    with pytest.raises(BatchInputError) as refused:
        check_requests([{"prompt": "x"}, BatchRequest("image", {"prompt": ""}), 42])  # type: ignore[list-item]
    assert [str(p) for p in refused.value.problems] == [
        "request 2: prompt: must be a non-empty string",
        "request 3: request: must be a BatchRequest or a dict, got 42 (int)",
    ]


def test_an_edited_request_has_another_digest() -> None:
    first, same, edited = check_requests(
        [
            {"prompt": "a fox", "key": "a"},
            {"prompt": "a fox", "duration": 5, "key": "b"},
            {"prompt": "a fox", "duration": 6, "key": "c"},
        ]
    )
    assert first.digest == same.digest  # the default written out is the same request
    assert first.digest != edited.digest
    other = check_requests([{"prompt": "a fox"}], collection_id="c-1")[0]
    assert other.digest != first.digest


def test_a_byte_order_mark_is_read_as_spreadsheets_write_it(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" starts with a byte order mark; so may JSON lines."""
    csv_file = tmp_path / "in.csv"
    csv_file.write_bytes("op,prompt,duration\nvideo,a fox,6\n".encode("utf-8-sig"))
    (fox,) = read_batch_file(csv_file)
    assert (fox.op, fox.arguments, fox.line) == ("video", {"prompt": "a fox", "duration": 6}, 2)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes('{"op": "image", "prompt": "a lighthouse"}\n'.encode("utf-8-sig"))
    assert read_batch_file(jsonl)[0].op == "image"


def test_an_unknown_column_is_named_on_the_header_line_with_the_known_ones(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "in.csv", "\nop,prompt,colour,size\nvideo,a fox,red,2\n")
    with pytest.raises(BatchInputError) as refused:
        read_batch_file(path)
    (colour, size) = refused.value.problems
    assert (colour.where, colour.field, size.field) == ("line 2", "colour", "size")
    assert colour.rule.startswith(
        "is not a column the batch knows (they are: op, operation, key, prompt, duration, "
        "callback_url, aspect_ratio, "
    )
    for argument in ("model_name", "text", "voice_name", "video_id", "language_code", "config"):
        assert argument in colour.rule


def test_a_column_of_another_operation_is_refused_only_where_it_is_filled(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "in.csv", "op,prompt,text\nvideo,a fox,\nvoice,,hello\nvideo,x,hi\n")
    with pytest.raises(BatchInputError) as refused:
        read_batch_file(path)
    assert [(p.where, p.field) for p in refused.value.problems] == [("line 4", "text")]
