from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.editor_clip_position import EditorClipPosition, check_editor_clip_position
from ..models.editor_filter import EditorFilter, check_editor_filter
from ..models.editor_fit import EditorFit, check_editor_fit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.editor_audio_asset import EditorAudioAsset
    from ..models.editor_image_asset import EditorImageAsset
    from ..models.editor_offset import EditorOffset
    from ..models.editor_text_asset import EditorTextAsset
    from ..models.editor_transition import EditorTransition
    from ..models.editor_video_asset import EditorVideoAsset


T = TypeVar("T", bound="EditorClip")


@_attrs_define
class EditorClip:
    """
    Attributes:
        asset (EditorAudioAsset | EditorImageAsset | EditorTextAsset | EditorVideoAsset): What a clip shows or plays.
        duration (float): Seconds the clip lasts.
        transition (EditorTransition | Unset): Accepted; clips cut in and out.
        effect (None | str | Unset): Accepted; not drawn.
        filter_ (EditorFilter | None | Unset): Accepted; not drawn.
        scale (float | Unset):  Default: 1.0.
        opacity (float | Unset):  Default: 1.0.
        fit (EditorFit | None | Unset): `crop` fills the frame keeping the aspect ratio (cutting off what overflows),
            `cover` stretches to fill it, `contain` fits inside it, null keeps the asset's own size. Default: 'crop'.
        position (EditorClipPosition | Unset):  Default: 'center'.
        offset (EditorOffset | Unset): A shift from `position`, in fractions of the frame's width (`x`, right) and
            height (`y`, up).
        z_index (int | Unset):  Default: 0.
    """

    asset: EditorAudioAsset | EditorImageAsset | EditorTextAsset | EditorVideoAsset
    duration: float
    transition: EditorTransition | Unset = UNSET
    effect: None | str | Unset = UNSET
    filter_: EditorFilter | None | Unset = UNSET
    scale: float | Unset = 1.0
    opacity: float | Unset = 1.0
    fit: EditorFit | None | Unset = "crop"
    position: EditorClipPosition | Unset = "center"
    offset: EditorOffset | Unset = UNSET
    z_index: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        from ..models.editor_audio_asset import EditorAudioAsset
        from ..models.editor_image_asset import EditorImageAsset
        from ..models.editor_video_asset import EditorVideoAsset

        asset: dict[str, Any]
        if (
            isinstance(self.asset, EditorVideoAsset)
            or isinstance(self.asset, EditorImageAsset)
            or isinstance(self.asset, EditorAudioAsset)
        ):
            asset = self.asset.to_dict()
        else:
            asset = self.asset.to_dict()

        duration = self.duration

        transition: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transition, Unset):
            transition = self.transition.to_dict()

        effect: None | str | Unset
        if isinstance(self.effect, Unset):
            effect = UNSET
        else:
            effect = self.effect

        filter_: None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, str):
            filter_ = self.filter_
        else:
            filter_ = self.filter_

        scale = self.scale

        opacity = self.opacity

        fit: None | str | Unset
        if isinstance(self.fit, Unset):
            fit = UNSET
        elif isinstance(self.fit, str):
            fit = self.fit
        else:
            fit = self.fit

        position: str | Unset = UNSET
        if not isinstance(self.position, Unset):
            position = self.position

        offset: dict[str, Any] | Unset = UNSET
        if not isinstance(self.offset, Unset):
            offset = self.offset.to_dict()

        z_index = self.z_index

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asset": asset,
                "duration": duration,
            }
        )
        if transition is not UNSET:
            field_dict["transition"] = transition
        if effect is not UNSET:
            field_dict["effect"] = effect
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if scale is not UNSET:
            field_dict["scale"] = scale
        if opacity is not UNSET:
            field_dict["opacity"] = opacity
        if fit is not UNSET:
            field_dict["fit"] = fit
        if position is not UNSET:
            field_dict["position"] = position
        if offset is not UNSET:
            field_dict["offset"] = offset
        if z_index is not UNSET:
            field_dict["z_index"] = z_index

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.editor_audio_asset import EditorAudioAsset
        from ..models.editor_image_asset import EditorImageAsset
        from ..models.editor_offset import EditorOffset
        from ..models.editor_text_asset import EditorTextAsset
        from ..models.editor_transition import EditorTransition
        from ..models.editor_video_asset import EditorVideoAsset

        d = dict(src_dict)

        def _parse_asset(
            data: object,
        ) -> EditorAudioAsset | EditorImageAsset | EditorTextAsset | EditorVideoAsset:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_editor_asset_type_0 = EditorVideoAsset.from_dict(data)

                return componentsschemas_editor_asset_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_editor_asset_type_1 = EditorImageAsset.from_dict(data)

                return componentsschemas_editor_asset_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_editor_asset_type_2 = EditorAudioAsset.from_dict(data)

                return componentsschemas_editor_asset_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_editor_asset_type_3 = EditorTextAsset.from_dict(data)

            return componentsschemas_editor_asset_type_3

        asset = _parse_asset(d.pop("asset"))

        duration = d.pop("duration")

        _transition = d.pop("transition", UNSET)
        transition: EditorTransition | Unset
        if isinstance(_transition, Unset):
            transition = UNSET
        else:
            transition = EditorTransition.from_dict(_transition)

        def _parse_effect(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        effect = _parse_effect(d.pop("effect", UNSET))

        def _parse_filter_(data: object) -> EditorFilter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                filter_type_0 = check_editor_filter(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EditorFilter | None | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        scale = d.pop("scale", UNSET)

        opacity = d.pop("opacity", UNSET)

        def _parse_fit(data: object) -> EditorFit | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fit_type_0 = check_editor_fit(data)

                return fit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EditorFit | None | Unset, data)

        fit = _parse_fit(d.pop("fit", UNSET))

        _position = d.pop("position", UNSET)
        position: EditorClipPosition | Unset
        if isinstance(_position, Unset):
            position = UNSET
        else:
            position = check_editor_clip_position(_position)

        _offset = d.pop("offset", UNSET)
        offset: EditorOffset | Unset
        if isinstance(_offset, Unset):
            offset = UNSET
        else:
            offset = EditorOffset.from_dict(_offset)

        z_index = d.pop("z_index", UNSET)

        editor_clip = cls(
            asset=asset,
            duration=duration,
            transition=transition,
            effect=effect,
            filter_=filter_,
            scale=scale,
            opacity=opacity,
            fit=fit,
            position=position,
            offset=offset,
            z_index=z_index,
        )

        return editor_clip
