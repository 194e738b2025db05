"""Reading a news article and proposing the facts it states, each tied to its exact words.

``propose(text, known)`` gives :class:`Proposal` values (ownership, position, reporting, licence);
``read(text, known)`` gives them with the :class:`EntityProposal` values (kinds, aliases). Pure
Python, deterministic and offline: regular expressions over sentences whose entities are masked.

>>> [p.to_dict()["share_max"] for p in propose("Xiaomi holds a majority stake in XW Bank.")]
[100.0]
"""

from model.extract.proposal import EntityProposal, Proposal, Reading
from model.extract.read import propose, read

__all__ = ["EntityProposal", "Proposal", "Reading", "propose", "read"]
