"""The groups participation is measured by, and which group a record falls in.

Four dimensions, as GroupDimension names them: role, province, size class and
network. The first three divide everyone: a record without a municipality
(or a participant whose attribute was left out) falls in the rest, REST, so
that a dimension's groups add up to its total. Networks overlap and most
municipalities are in none, so they have no rest and no total to add up to.
"""

from dataclasses import dataclass

from dialogue_blocks.models import (
    GroupDimension,
    Municipality,
    Network,
    Province,
    Role,
    SizeClass,
)

DIMENSIONS = (
    GroupDimension.ROLE,
    GroupDimension.PROVINCE,
    GroupDimension.SIZE_CLASS,
    GroupDimension.NETWORK,
)
PARTITIONS = (GroupDimension.ROLE, GroupDimension.PROVINCE, GroupDimension.SIZE_CLASS)
REST = ""
REST_LABEL = "overig: gemeente onbekend of kenmerk niet bewaard"
DIMENSION_TITLES = {
    GroupDimension.ROLE: "Rol",
    GroupDimension.PROVINCE: "Provincie",
    GroupDimension.SIZE_CLASS: "Grootteklasse",
    GroupDimension.NETWORK: "Netwerk",
}


@dataclass(frozen=True)
class Group:
    key: str
    label: str

    @property
    def is_rest(self) -> bool:
        return self.key == REST


def groups(dimension: str) -> list[Group]:
    """The groups of a dimension, in the order people know them; no rest."""
    if dimension == GroupDimension.ROLE:
        return [Group(value, label) for value, label in Role.choices]
    if dimension == GroupDimension.PROVINCE:
        return [
            Group(str(pk), name)
            for pk, name in Province.objects.values_list("pk", "name")
        ]
    if dimension == GroupDimension.SIZE_CLASS:
        return [
            Group(value, label)
            for value, label in SizeClass.choices
            if value != SizeClass.UNKNOWN
        ]
    return [
        Group(network.code, str(network))
        for network in Network.objects.order_by("code")
    ]


def with_rest(dimension: str, found: list[Group]) -> list[Group]:
    """A partition's groups and its rest; a network's groups as they are."""
    if dimension in PARTITIONS:
        return [*found, Group(REST, REST_LABEL)]
    return found


class MunicipalityGroups:
    """Per municipality its province, size class and networks, read once."""

    def __init__(self):
        self.province: dict[int, str] = {}
        self.size_class: dict[int, str] = {}
        for pk, province_id, population in Municipality.objects.values_list(
            "pk", "province_id", "population"
        ):
            self.province[pk] = str(province_id)
            self.size_class[pk] = Municipality(population=population).size_class
        self.networks: dict[int, list[str]] = {}
        for pk, code in Network.members.through.objects.values_list(
            "municipality_id", "network__code"
        ):
            self.networks.setdefault(pk, []).append(code)

    def keys(self, dimension: str, role: str, municipality_id: int | None) -> list[str]:
        """The groups of a register record with this role and municipality."""
        if dimension == GroupDimension.ROLE:
            return [role or REST]
        if dimension == GroupDimension.NETWORK:
            return self.networks.get(municipality_id, [])
        if dimension == GroupDimension.PROVINCE:
            return [self.province.get(municipality_id, REST)]
        size_class = self.size_class.get(municipality_id, SizeClass.UNKNOWN)
        return [REST if size_class == SizeClass.UNKNOWN else size_class]


def stored_keys(
    dimension: str, role, province_id, size_class, network_codes
) -> list[str]:
    """The groups of a participant by what it stores; a left-out value is the rest."""
    if dimension == GroupDimension.ROLE:
        return [role or REST]
    if dimension == GroupDimension.PROVINCE:
        return [REST if province_id is None else str(province_id)]
    if dimension == GroupDimension.SIZE_CLASS:
        known = size_class and size_class != SizeClass.UNKNOWN
        return [size_class if known else REST]
    return list(network_codes or [])
