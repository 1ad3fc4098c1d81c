"""Participation blocks editors place between their own text on a phase page.

One module per participation method; each block renders its own form and
listing (from PageParticipation, listing.py) and, if it accepts input, validates
a POST with its form and hands it to its service (`accepts_input`, `new_form`,
`receive` in base.py). The page's `bijdragen/<block id>/` route
(dialogue_blocks.routes) finds the block and hands it the POST, so the route has
no branch per block type.
"""

from .base import ParticipationBlock, Received
from .boards import IdeaBoardBlock, IdeaBoardValue, ThemeBoardBlock
from .deepening import DeepeningBoardBlock, DeepeningValue
from .earlier import EarlierContributionsBlock, EarlierContributionsValue
from .polls import PollBlock, PollValue
from .questions import QuestionBlock, QuestionValue
from .results import ResultsBlock, ResultsValue
from .roadmap import MilestoneBlock, RoadmapBlock
from .statements import StatementsBlock, StatementsValue
from .suggestions import SuggestionsBlock
from .voting import DotVoteBlock, DotVoteValue, VotingBlock

__all__ = [
    "PARTICIPATION_BLOCK_TYPES",
    "DeepeningBoardBlock",
    "DeepeningValue",
    "DotVoteBlock",
    "DotVoteValue",
    "EarlierContributionsBlock",
    "EarlierContributionsValue",
    "IdeaBoardBlock",
    "IdeaBoardValue",
    "MilestoneBlock",
    "ParticipationBlock",
    "PollBlock",
    "PollValue",
    "QuestionBlock",
    "QuestionValue",
    "Received",
    "ResultsBlock",
    "ResultsValue",
    "RoadmapBlock",
    "StatementsBlock",
    "StatementsValue",
    "SuggestionsBlock",
    "ThemeBoardBlock",
    "VotingBlock",
]

# The stream's names of the blocks that accept input (the earlier-contributions
# block only shows), as cms.blocks.PhaseStreamBlock names them.
PARTICIPATION_BLOCK_TYPES = (
    "question",
    "idea_board",
    "deepening_board",
    "dot_vote",
    "poll",
    "statements",
    "suggestions",
)
