"""Views over the store: the analysis contract and other export formats."""

from storyline.export.contract import CONTRACT_VERSION, build_contract

__all__ = ["CONTRACT_VERSION", "build_contract"]
