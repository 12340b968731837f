from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TextStyle")


@_attrs_define
class TextStyle:
    """How a text overlay is drawn: the keys of FFmpeg's `drawtext` (the official Python
    client's names; the Node client sends some in camelCase, accepted too). `fontsize`,
    `fontcolor`, `alpha`, `box`, `boxcolor`, `boxborderw`, `borderw`, `bordercolor`,
    `shadowcolor`, `shadowx`, `shadowy`, `line_spacing`, `x` and `y` are drawn; the others
    are accepted.

        Attributes:
            fontsize (int | Unset):  Default: 24.
            fontcolor (str | Unset): A colour as FFmpeg names it, `#RRGGBB` or `0xRRGGBB`, with `@alpha` if wanted.
            fontcolor_expr (str | Unset):
            fontcolorExpr (str | Unset):
            alpha (float | Unset):  Default: 1.0.
            font (str | Unset):
            box (bool | Unset):  Default: True.
            boxcolor (str | Unset): A colour as FFmpeg names it, `#RRGGBB` or `0xRRGGBB`, with `@alpha` if wanted.
            boxborderw (int | str | Unset): Pixels of box around the text (FFmpeg takes a string).
            boxw (int | Unset):
            boxh (int | Unset):
            line_spacing (int | Unset):
            lineSpacing (int | Unset):
            text_align (str | Unset):
            textAlign (str | Unset):
            y_align (str | Unset):
            yAlign (str | Unset):
            borderw (int | Unset):
            bordercolor (str | Unset): A colour as FFmpeg names it, `#RRGGBB` or `0xRRGGBB`, with `@alpha` if wanted.
            expansion (str | Unset):
            basetime (int | Unset):
            fix_bounds (bool | Unset):
            fixBounds (bool | Unset):
            text_shaping (bool | Unset):
            textShaping (bool | Unset):
            shadowcolor (str | Unset): A colour as FFmpeg names it, `#RRGGBB` or `0xRRGGBB`, with `@alpha` if wanted.
            shadowx (int | Unset):
            shadowy (int | Unset):
            tabsize (int | Unset):
            x (int | str | Unset): A place in pixels, or an expression of `main_w`, `main_h`, `text_w` and `text_h` (FFmpeg
                drawtext's names, and `w`, `h`, `tw`, `th`) with `+ - * /` and numbers.
            y (int | str | Unset): A place in pixels, or an expression of `main_w`, `main_h`, `text_w` and `text_h` (FFmpeg
                drawtext's names, and `w`, `h`, `tw`, `th`) with `+ - * /` and numbers.
    """

    fontsize: int | Unset = 24
    fontcolor: str | Unset = UNSET
    fontcolor_expr: str | Unset = UNSET
    fontcolorExpr: str | Unset = UNSET
    alpha: float | Unset = 1.0
    font: str | Unset = UNSET
    box: bool | Unset = True
    boxcolor: str | Unset = UNSET
    boxborderw: int | str | Unset = UNSET
    boxw: int | Unset = UNSET
    boxh: int | Unset = UNSET
    line_spacing: int | Unset = UNSET
    lineSpacing: int | Unset = UNSET
    text_align: str | Unset = UNSET
    textAlign: str | Unset = UNSET
    y_align: str | Unset = UNSET
    yAlign: str | Unset = UNSET
    borderw: int | Unset = UNSET
    bordercolor: str | Unset = UNSET
    expansion: str | Unset = UNSET
    basetime: int | Unset = UNSET
    fix_bounds: bool | Unset = UNSET
    fixBounds: bool | Unset = UNSET
    text_shaping: bool | Unset = UNSET
    textShaping: bool | Unset = UNSET
    shadowcolor: str | Unset = UNSET
    shadowx: int | Unset = UNSET
    shadowy: int | Unset = UNSET
    tabsize: int | Unset = UNSET
    x: int | str | Unset = UNSET
    y: int | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        fontsize = self.fontsize

        fontcolor = self.fontcolor

        fontcolor_expr = self.fontcolor_expr

        fontcolorExpr = self.fontcolorExpr

        alpha = self.alpha

        font = self.font

        box = self.box

        boxcolor = self.boxcolor

        boxborderw: int | str | Unset
        if isinstance(self.boxborderw, Unset):
            boxborderw = UNSET
        else:
            boxborderw = self.boxborderw

        boxw = self.boxw

        boxh = self.boxh

        line_spacing = self.line_spacing

        lineSpacing = self.lineSpacing

        text_align = self.text_align

        textAlign = self.textAlign

        y_align = self.y_align

        yAlign = self.yAlign

        borderw = self.borderw

        bordercolor = self.bordercolor

        expansion = self.expansion

        basetime = self.basetime

        fix_bounds = self.fix_bounds

        fixBounds = self.fixBounds

        text_shaping = self.text_shaping

        textShaping = self.textShaping

        shadowcolor = self.shadowcolor

        shadowx = self.shadowx

        shadowy = self.shadowy

        tabsize = self.tabsize

        x: int | str | Unset
        if isinstance(self.x, Unset):
            x = UNSET
        else:
            x = self.x

        y: int | str | Unset
        if isinstance(self.y, Unset):
            y = UNSET
        else:
            y = self.y

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if fontsize is not UNSET:
            field_dict["fontsize"] = fontsize
        if fontcolor is not UNSET:
            field_dict["fontcolor"] = fontcolor
        if fontcolor_expr is not UNSET:
            field_dict["fontcolor_expr"] = fontcolor_expr
        if fontcolorExpr is not UNSET:
            field_dict["fontcolorExpr"] = fontcolorExpr
        if alpha is not UNSET:
            field_dict["alpha"] = alpha
        if font is not UNSET:
            field_dict["font"] = font
        if box is not UNSET:
            field_dict["box"] = box
        if boxcolor is not UNSET:
            field_dict["boxcolor"] = boxcolor
        if boxborderw is not UNSET:
            field_dict["boxborderw"] = boxborderw
        if boxw is not UNSET:
            field_dict["boxw"] = boxw
        if boxh is not UNSET:
            field_dict["boxh"] = boxh
        if line_spacing is not UNSET:
            field_dict["line_spacing"] = line_spacing
        if lineSpacing is not UNSET:
            field_dict["lineSpacing"] = lineSpacing
        if text_align is not UNSET:
            field_dict["text_align"] = text_align
        if textAlign is not UNSET:
            field_dict["textAlign"] = textAlign
        if y_align is not UNSET:
            field_dict["y_align"] = y_align
        if yAlign is not UNSET:
            field_dict["yAlign"] = yAlign
        if borderw is not UNSET:
            field_dict["borderw"] = borderw
        if bordercolor is not UNSET:
            field_dict["bordercolor"] = bordercolor
        if expansion is not UNSET:
            field_dict["expansion"] = expansion
        if basetime is not UNSET:
            field_dict["basetime"] = basetime
        if fix_bounds is not UNSET:
            field_dict["fix_bounds"] = fix_bounds
        if fixBounds is not UNSET:
            field_dict["fixBounds"] = fixBounds
        if text_shaping is not UNSET:
            field_dict["text_shaping"] = text_shaping
        if textShaping is not UNSET:
            field_dict["textShaping"] = textShaping
        if shadowcolor is not UNSET:
            field_dict["shadowcolor"] = shadowcolor
        if shadowx is not UNSET:
            field_dict["shadowx"] = shadowx
        if shadowy is not UNSET:
            field_dict["shadowy"] = shadowy
        if tabsize is not UNSET:
            field_dict["tabsize"] = tabsize
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fontsize = d.pop("fontsize", UNSET)

        fontcolor = d.pop("fontcolor", UNSET)

        fontcolor_expr = d.pop("fontcolor_expr", UNSET)

        fontcolorExpr = d.pop("fontcolorExpr", UNSET)

        alpha = d.pop("alpha", UNSET)

        font = d.pop("font", UNSET)

        box = d.pop("box", UNSET)

        boxcolor = d.pop("boxcolor", UNSET)

        def _parse_boxborderw(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        boxborderw = _parse_boxborderw(d.pop("boxborderw", UNSET))

        boxw = d.pop("boxw", UNSET)

        boxh = d.pop("boxh", UNSET)

        line_spacing = d.pop("line_spacing", UNSET)

        lineSpacing = d.pop("lineSpacing", UNSET)

        text_align = d.pop("text_align", UNSET)

        textAlign = d.pop("textAlign", UNSET)

        y_align = d.pop("y_align", UNSET)

        yAlign = d.pop("yAlign", UNSET)

        borderw = d.pop("borderw", UNSET)

        bordercolor = d.pop("bordercolor", UNSET)

        expansion = d.pop("expansion", UNSET)

        basetime = d.pop("basetime", UNSET)

        fix_bounds = d.pop("fix_bounds", UNSET)

        fixBounds = d.pop("fixBounds", UNSET)

        text_shaping = d.pop("text_shaping", UNSET)

        textShaping = d.pop("textShaping", UNSET)

        shadowcolor = d.pop("shadowcolor", UNSET)

        shadowx = d.pop("shadowx", UNSET)

        shadowy = d.pop("shadowy", UNSET)

        tabsize = d.pop("tabsize", UNSET)

        def _parse_x(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        x = _parse_x(d.pop("x", UNSET))

        def _parse_y(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        y = _parse_y(d.pop("y", UNSET))

        text_style = cls(
            fontsize=fontsize,
            fontcolor=fontcolor,
            fontcolor_expr=fontcolor_expr,
            fontcolorExpr=fontcolorExpr,
            alpha=alpha,
            font=font,
            box=box,
            boxcolor=boxcolor,
            boxborderw=boxborderw,
            boxw=boxw,
            boxh=boxh,
            line_spacing=line_spacing,
            lineSpacing=lineSpacing,
            text_align=text_align,
            textAlign=textAlign,
            y_align=y_align,
            yAlign=yAlign,
            borderw=borderw,
            bordercolor=bordercolor,
            expansion=expansion,
            basetime=basetime,
            fix_bounds=fix_bounds,
            fixBounds=fixBounds,
            text_shaping=text_shaping,
            textShaping=textShaping,
            shadowcolor=shadowcolor,
            shadowx=shadowx,
            shadowy=shadowy,
            tabsize=tabsize,
            x=x,
            y=y,
        )

        return text_style
