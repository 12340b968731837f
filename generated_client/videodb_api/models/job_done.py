from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.video import Video


T = TypeVar("T", bound="JobDone")


@_attrs_define
class JobDone:
    """A finished job, flat shape.

    Attributes:
        status (Literal['done']):
        data (Video):
        success (Literal[True] | Unset):
    """

    status: Literal["done"]
    data: Video
    success: Literal[True] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data = self.data.to_dict()

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.video import Video

        d = dict(src_dict)
        status = cast(Literal["done"], d.pop("status"))
        if status != "done":
            raise ValueError(f"status must match const 'done', got '{status}'")

        data = Video.from_dict(d.pop("data"))

        success = cast(Literal[True] | Unset, d.pop("success", UNSET))
        if success != True and not isinstance(success, Unset):
            raise ValueError(f"success must match const True, got '{success}'")

        job_done = cls(
            status=status,
            data=data,
            success=success,
        )

        job_done.additional_properties = d
        return job_done

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
