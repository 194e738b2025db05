"""Where the built-in worked example and the icons live: beside the packages in a checkout, inside
the ``gui`` package (``gui/seeds``, ``gui/resources``) in an installed wheel."""

from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _folder(name: str) -> Path:
    """The checkout's folder when running from one, else the wheel's copy inside the package."""
    checkout = ROOT / name
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("gui") / name))


SEEDS = _folder("seeds")
SEED = SEEDS / "xiaomi-fintech.stakemap.json"
RESOURCES = _folder("resources")
