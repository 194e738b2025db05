"""Where the built-in seed and the resources live (beside the packages in the checkout)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "xiaomi-fintech.stakemap.json"
RESOURCES = ROOT / "resources"
