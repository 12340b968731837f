from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EditorTransition")


@_attrs_define
class EditorTransition:
    """Accepted; clips cut in and out.

    Attributes:
        in_ (None | str | Unset):
        out (None | str | Unset):
        duration (float | Unset):
    """

    in_: None | str | Unset = UNSET
    out: None | str | Unset = UNSET
    duration: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        in_: None | str | Unset
        if isinstance(self.in_, Unset):
            in_ = UNSET
        else:
            in_ = self.in_

        out: None | str | Unset
        if isinstance(self.out, Unset):
            out = UNSET
        else:
            out = self.out

        duration = self.duration

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if in_ is not UNSET:
            field_dict["in"] = in_
        if out is not UNSET:
            field_dict["out"] = out
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_in_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        in_ = _parse_in_(d.pop("in", UNSET))

        def _parse_out(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        out = _parse_out(d.pop("out", UNSET))

        duration = d.pop("duration", UNSET)

        editor_transition = cls(
            in_=in_,
            out=out,
            duration=duration,
        )

        return editor_transition
