"""The openapi-core glue: messages that name the field, and a memo that never mixes up requests."""

from __future__ import annotations

import json

from starlette.datastructures import Headers, QueryParams
from videodb_mock._spec.checks import MEMO_BODY_BYTES, SpecRequest, SpecValidator
from videodb_mock._spec.document import load_spec

GENERATE = "/collection/{collection_id}/generate/video/"


def _generate(validator: SpecValidator, body: bytes) -> SpecRequest:
    return validator.make_request(
        method="POST",
        path="/collection/default/generate/video",
        path_pattern=GENERATE,
        path_params={"collection_id": "default"},
        query=QueryParams(""),
        headers=Headers({"x-access-token": "sk-1", "content-type": "application/json"}),
        cookies={},
        content_type="application/json",
        body=body,
    )


def _poll(validator: SpecValidator, job_id: str) -> SpecRequest:
    return validator.make_request(
        method="GET",
        path=f"/async-response/{job_id}",
        path_pattern="/async-response/{job_id}",
        path_params={"job_id": job_id},
        query=QueryParams(""),
        headers=Headers({"x-access-token": "sk-1"}),
        cookies={},
        content_type=None,
        body=None,
    )


def test_requests_are_validated_as_the_spec_says() -> None:
    validator = SpecValidator(load_spec())
    assert validator.check_request(_generate(validator, b'{"prompt": "x", "duration": 8}')) is None
    problem = validator.check_request(_generate(validator, b'{"prompt": "x", "duration": 9}'))
    assert problem is not None
    assert (problem.status, problem.message) == (
        400,
        "duration: 9 is greater than the maximum of 8",
    )
    assert validator.check_request(_poll(validator, "job-1")) is None
    empty = validator.check_request(_poll(validator, ""))
    assert empty is not None
    assert "job_id" in empty.message


def test_the_memo_gives_each_request_its_own_outcome() -> None:
    validator = SpecValidator(load_spec())
    good = b'{"prompt": "x", "duration": 6}'
    bad = b'{"prompt": "x", "duration": 60}'
    for _ in range(3):
        assert validator.check_request(_generate(validator, good)) is None
        assert validator.check_request(_generate(validator, bad)) is not None
    assert validator.check_request(_poll(validator, "job-2")) is None
    assert validator.check_request(_poll(validator, "")) is not None


def test_large_bodies_are_validated_every_time() -> None:
    validator = SpecValidator(load_spec())
    body = json.dumps({"prompt": "x" * MEMO_BODY_BYTES, "duration": 6}).encode()
    for _ in range(2):
        assert validator.check_request(_generate(validator, body)) is None
    assert validator.check_request(_generate(validator, body.replace(b"6}", b"9}"))) is not None


def test_new_valid_path_values_share_one_validation_but_invalid_ones_are_refused() -> None:
    spec = load_spec()
    # A stricter job id than the real spec's, so that a path value can break its schema.
    parameter = spec["paths"]["/async-response/{job_id}"]["get"]["parameters"][0]
    parameter["schema"] = {"type": "string", "pattern": "^job-"}
    validator = SpecValidator(spec)
    calls = 0
    original = validator._parameters.iter_errors

    def counting(request: SpecRequest) -> object:
        nonlocal calls
        calls += 1
        return original(request)

    validator._parameters.iter_errors = counting
    assert validator.check_request(_poll(validator, "job-1")) is None
    assert validator.check_request(_poll(validator, "job-2")) is None
    assert calls == 1  # the second job id is known valid from its schema alone
    problem = validator.check_request(_poll(validator, "nope"))
    assert problem is not None
    assert problem.status == 400
    assert "job_id" in problem.message
    assert calls == 2
