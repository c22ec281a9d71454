"""A model of the xAPI Profiles 1.0 structure, and a checker of statements against it.

No maintained Python package validates xAPI profiles, so this module states the parts of
the specification (https://github.com/adlnet/xapi-profiles, Part Two) that a profile must
satisfy, as pydantic models plus cross-reference checks: required properties, IRIs,
`inScheme` pointing at a version of this profile, rule presence values, pattern shapes and
references. `template_problems` applies a template's determining properties and rules to a
statement; `matches_pattern` checks a sequence of template ids against a pattern.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

IRI = Annotated[str, Field(pattern=r"^https?://\S+$")]
LangMap = dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Version(_Strict):
    id: IRI
    wasRevisionOf: list[IRI] | None = None
    generatedAtTime: str = Field(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


class Author(_Strict):
    type: Literal["Organization", "Person"]
    name: str = Field(min_length=1)
    url: IRI | None = None


class Concept(_Strict):
    id: IRI
    type: Literal["Verb", "ActivityType", "AttachmentUsageType", "ContextExtension",
                  "ResultExtension", "ActivityExtension", "StateResource",
                  "AgentProfileResource", "ActivityProfileResource", "Activity"]
    inScheme: IRI
    prefLabel: LangMap
    definition: LangMap
    deprecated: bool | None = None
    broader: list[IRI] | None = None
    narrower: list[IRI] | None = None
    exactMatch: list[IRI] | None = None
    recommendedVerbs: list[IRI] | None = None
    recommendedActivityTypes: list[IRI] | None = None
    inlineSchema: str | None = None
    schema_: IRI | None = Field(default=None, alias="schema")

    @model_validator(mode="after")
    def _schema_rules(self) -> Concept:
        if self.inlineSchema is not None and self.schema_ is not None:
            raise ValueError(f"{self.id}: inlineSchema and schema are mutually exclusive")
        if self.inlineSchema is not None:
            json.loads(self.inlineSchema)  # must be JSON; raises ValueError otherwise
        is_ext = self.type.endswith("Extension")
        if not is_ext and (self.inlineSchema or self.recommendedVerbs):
            raise ValueError(f"{self.id}: only extensions carry schemas and recommendations")
        return self


class Rule(_Strict):
    location: str = Field(pattern=r"^\$")
    selector: str | None = None
    presence: Literal["included", "excluded", "recommended"] | None = None
    any: list[Any] | None = None
    all: list[Any] | None = None
    none: list[Any] | None = None

    @model_validator(mode="after")
    def _has_requirement(self) -> Rule:
        if self.presence is None and self.any is None and self.all is None and \
                self.none is None:
            raise ValueError(f"rule at {self.location} has no presence, any, all or none")
        return self


class StatementTemplate(_Strict):
    id: IRI
    type: Literal["StatementTemplate"]
    inScheme: IRI
    prefLabel: LangMap
    definition: LangMap
    deprecated: bool | None = None
    verb: IRI | None = None
    objectActivityType: IRI | None = None
    contextGroupingActivityType: list[IRI] | None = None
    contextParentActivityType: list[IRI] | None = None
    contextOtherActivityType: list[IRI] | None = None
    contextCategoryActivityType: list[IRI] | None = None
    attachmentUsageType: list[IRI] | None = None
    objectStatementRefTemplate: list[IRI] | None = None
    contextStatementRefTemplate: list[IRI] | None = None
    rules: list[Rule] = []


PATTERN_KINDS = ("alternates", "optional", "oneOrMore", "sequence", "zeroOrMore")


class Pattern(_Strict):
    id: IRI
    type: Literal["Pattern"]
    inScheme: IRI
    prefLabel: LangMap | None = None
    definition: LangMap | None = None
    primary: bool = False
    deprecated: bool | None = None
    alternates: list[IRI] | None = None
    optional: IRI | None = None
    oneOrMore: IRI | None = None
    sequence: list[IRI] | None = None
    zeroOrMore: IRI | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Pattern:
        kinds = [k for k in PATTERN_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"{self.id}: a pattern has exactly one of {PATTERN_KINDS}")
        if self.primary and (self.prefLabel is None or self.definition is None):
            raise ValueError(f"{self.id}: a primary pattern needs prefLabel and definition")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in PATTERN_KINDS if getattr(self, k) is not None)

    @property
    def members(self) -> list[str]:
        value = getattr(self, self.kind)
        return value if isinstance(value, list) else [value]


class Profile(_Strict):
    context: Literal["https://w3id.org/xapi/profiles/context"] = Field(alias="@context")
    id: IRI
    type: Literal["Profile"]
    conformsTo: IRI
    prefLabel: LangMap
    definition: LangMap
    seeAlso: IRI | None = None
    versions: list[Version] = Field(min_length=1)
    author: Author
    concepts: list[Concept] = []
    templates: list[StatementTemplate] = []
    patterns: list[Pattern] = []

    @model_validator(mode="after")
    def _references(self) -> Profile:
        versions = {ver.id for ver in self.versions}
        things: list[Concept | StatementTemplate | Pattern] = [*self.concepts, *self.templates,
                                                               *self.patterns]
        ids = [t.id for t in things]
        if len(ids) != len(set(ids)):
            raise ValueError("concept, template and pattern ids must be unique")
        for thing in things:
            if thing.inScheme not in versions:
                raise ValueError(f"{thing.id}: inScheme is not a version of this profile")
        templates = {t.id for t in self.templates}
        patterns = {p.id: p for p in self.patterns}
        for p in self.patterns:
            _check_pattern(p, templates, patterns)
        if self.patterns and not any(p.primary for p in self.patterns):
            raise ValueError("a profile with patterns needs at least one primary pattern")
        return self

    def template(self, iri: str) -> StatementTemplate:
        return next(t for t in self.templates if t.id == iri)


def _check_pattern(p: Pattern, templates: set[str], patterns: dict[str, Pattern]) -> None:
    for member in p.members:
        if member == p.id:
            raise ValueError(f"{p.id}: a pattern cannot contain itself")
        if member not in templates and member not in patterns:
            raise ValueError(f"{p.id}: {member} is neither a template nor a pattern here")
        inner = patterns.get(member)
        if p.kind == "alternates" and inner and inner.kind in ("optional", "zeroOrMore"):
            raise ValueError(f"{p.id}: alternates cannot hold optional or zeroOrMore "
                             f"patterns ({member})")
    if p.kind == "sequence" and len(p.members) < 2 and not (
            p.primary and p.members[0] in templates):
        raise ValueError(f"{p.id}: a sequence needs two members (or is primary with one "
                         "template)")
    if p.kind == "alternates" and len(p.members) < 2:
        raise ValueError(f"{p.id}: alternates need two members")
