"""The terms the player and facilitator read, each in one or two plain sentences.

One table for every place that explains them: the glossary overlay (outcome, replay viewer,
debrief: the G key and a button), the single-session report's "Terms used" section and
docs/glossary.md (a test checks the doc says what this table says). The English text is the
message id; the overlay translates each entry through `t` (assets/i18n/de.json).
"""

from __future__ import annotations

from game.i18n import Tr, english

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Points",
     "Learning and harm are both counted in points so that they can be weighed against "
     "each other. A point has no clinical unit; it is the model's scale."),
    ("Learning points",
     "What the trainee takes away: credit for each step the trainee did, more the less you "
     "took over, a bonus for a mistake experienced and talked through, less when harm "
     "distresses the trainee. A mistake's lesson is credited once the feedback after it is "
     "certain, often at the very end, so the meter can still rise then."),
    ("Harm points",
     "What the patient bears: each harm event adds points by its grade on its scale "
     "(Clavien-Dindo, ClassIntra, NCC MERP, or how long care was delayed); graver grades "
     "weigh far more."),
    ("Risk weight",
     "How many learning points one harm point costs. At 2, a choice must teach two learning "
     "points for every harm point it adds. \"Risk weights that fit\" are the weights at "
     "which every choice you made would have been the model's best."),
    ("Q (Q-value)",
     "What an option is expected to be worth from this decision point on: expected learning "
     "minus risk weight times expected harm, over everything that can still happen. Higher "
     "is better."),
    ("Regret",
     "How far a choice fell short of the best one: the best Q minus the Q of your choice at "
     "the moment you made it. 0 means the best available choice. It judges the decision, "
     "not the luck of what followed."),
    ("Safety rating",
     "Safe, caution or unsafe, judged before regret. Unsafe means a choice broke a safety "
     "rule, such as adding a risk of severe harm or letting a high-alert medication error "
     "reach the patient; no amount of learning buys that back."),
    ("Rung",
     "A step of the intervention ladder: 1 watch, 2 probing question, 3 verbal cue, "
     "4 hands-on guidance, 5 take over. Higher rungs stop a mistake sooner and more surely "
     "but leave the trainee less to do."),
    ("Window",
     "The time between seeing a mistake coming and its happening, with a countdown. In it "
     "the trainee may correct it or make it, both likelier as time passes, and each rung "
     "takes time to land: a question longer than a hand on the instrument."),
    ("Best moment",
     "When in the window the best option is worth most: the best balance of learning and "
     "harm. It may accept some chance that the mistake comes first, because waiting gives "
     "the trainee the chance to notice it."),
    ("Last safe moment",
     "For one rung, the latest moment at which stepping in still comes before the mistake "
     "with at most a 5% chance of being too late. It is about timing, not the safety "
     "rating: the best moment can lie after it when the mistake is worth that chance."),
)
"""(term, meaning) in the order a newcomer meets them."""


def glossary(t: Tr = english) -> tuple[tuple[str, str], ...]:
    """The glossary in the reader's language."""
    return tuple((t(term), t(meaning)) for term, meaning in GLOSSARY)
