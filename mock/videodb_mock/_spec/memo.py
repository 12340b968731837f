"""Memoising plug-ins for openapi-core, so a validation does not rebuild what never changes.

openapi-core builds, for every request, a JSON Schema validator for each schema it checks (a
deep copy of the format checker, a `$ref` resolution, a validator class), a style
deserialiser for each parameter, and searches the spec's paths for the request's path. All of
these depend only on the spec, never on the request, so they are built once per schema,
parameter or path and reused. The values in a request are still validated every time.

These plug in through openapi-core's own configuration (`Config`), not by patching it.
`Outcomes` remembers whole validation outcomes, keyed on every input a validation reads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from jsonschema_path import SchemaPath
from openapi_core.casting.schemas import oas31_schema_casters_factory
from openapi_core.deserializing.styles import style_deserializers
from openapi_core.deserializing.styles.deserializers import StyleDeserializer
from openapi_core.deserializing.styles.factories import StyleDeserializersFactory
from openapi_core.templating.paths.datatypes import PathOperationServer
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.validation.schemas import oas31_schema_validators_factory
from openapi_core.validation.schemas.datatypes import FormatValidatorsDict
from openapi_core.validation.schemas.factories import SchemaValidatorsFactory
from openapi_core.validation.schemas.validators import SchemaValidator

#: More entries than this means keys are not bounded by the spec; stop remembering then.
MAX_ENTRIES = 4096


class MemoSchemaValidators(SchemaValidatorsFactory):
    """openapi-core's OAS 3.1 schema validators, built once per schema and option set."""

    def __init__(self, inner: SchemaValidatorsFactory = oas31_schema_validators_factory) -> None:
        super().__init__(inner.schema_validator_cls, inner.format_checker)
        self._inner = inner
        self._memo: dict[tuple[Any, ...], SchemaValidator] = {}

    def get_validator_cls(self, spec: SchemaPath, schema: SchemaPath) -> Any:
        return self._inner.get_validator_cls(spec, schema)

    def create(  # noqa: PLR0917 - openapi-core's signature
        self,
        spec: SchemaPath,
        schema: SchemaPath,
        format_validators: FormatValidatorsDict | None = None,
        extra_format_validators: FormatValidatorsDict | None = None,
        forbid_unspecified_additional_properties: bool = False,
        enforce_properties_required: bool = False,
    ) -> SchemaValidator:
        key = (
            schema,
            id(format_validators),
            id(extra_format_validators),
            forbid_unspecified_additional_properties,
            enforce_properties_required,
        )
        found = self._memo.get(key)
        if found is None:
            found = self._inner.create(
                spec,
                schema,
                format_validators=format_validators,
                extra_format_validators=extra_format_validators,
                forbid_unspecified_additional_properties=forbid_unspecified_additional_properties,
                enforce_properties_required=enforce_properties_required,
            )
            if len(self._memo) < MAX_ENTRIES:
                self._memo[key] = found
        return found


class MemoStyleDeserializers(StyleDeserializersFactory):
    """openapi-core's parameter deserialisers, built once per parameter."""

    def __init__(self) -> None:
        super().__init__(oas31_schema_casters_factory, style_deserializers=style_deserializers)
        self._memo: dict[tuple[Any, ...], StyleDeserializer] = {}

    def create(
        self, spec: SchemaPath, schema: SchemaPath, style: str, explode: bool, name: str
    ) -> StyleDeserializer:
        key = (schema, style, explode, name)
        found = self._memo.get(key)
        if found is None:
            found = super().create(spec, schema, style, explode, name)
            if len(self._memo) < MAX_ENTRIES:
                self._memo[key] = found
        return found


class MemoPathFinder(APICallPathFinder):
    """openapi-core's path finder, remembering where each (method, URL pattern) leads.

    The sandbox hands openapi-core the spec's own path template (`path_pattern`), so the
    patterns are the spec's paths and the memo stays small.
    """

    def __init__(self, spec: SchemaPath, base_url: str | None = None) -> None:
        super().__init__(spec, base_url=base_url)
        self._memo: dict[tuple[str, str], PathOperationServer] = {}

    def find(self, method: str, name: str) -> PathOperationServer:
        key = (method, name)
        found = self._memo.get(key)
        if found is None:
            found = super().find(method, name)
            if len(self._memo) < MAX_ENTRIES:
                self._memo[key] = found
        return found


class Outcomes:
    """A bounded LRU memo of validation outcomes (a problem, or `None` for valid)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The outcome remembered for `key`, or `compute()`'s, then remembered."""
        if key in self._memo:
            self._memo.move_to_end(key)
            return self._memo[key]
        outcome = compute()
        self._memo[key] = outcome
        if len(self._memo) > self._size:
            self._memo.popitem(last=False)
        return outcome

    def __len__(self) -> int:
        return len(self._memo)
