"""Views over the store: the analysis contract and other export formats."""

from storyline.export.contract import CONTRACT_VERSION, FAMILIES, build_contract

__all__ = ["CONTRACT_VERSION", "FAMILIES", "build_contract"]
