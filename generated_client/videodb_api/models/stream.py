from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Stream")


@_attrs_define
class Stream:
    """
    Attributes:
        stream_url (str): An HLS playlist (`.m3u8`) URL.
        player_url (None | str | Unset): A web page that plays the stream.
    """

    stream_url: str
    player_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stream_url = self.stream_url

        player_url: None | str | Unset
        if isinstance(self.player_url, Unset):
            player_url = UNSET
        else:
            player_url = self.player_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stream_url": stream_url,
            }
        )
        if player_url is not UNSET:
            field_dict["player_url"] = player_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        stream_url = d.pop("stream_url")

        def _parse_player_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        player_url = _parse_player_url(d.pop("player_url", UNSET))

        stream = cls(
            stream_url=stream_url,
            player_url=player_url,
        )

        stream.additional_properties = d
        return stream

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
