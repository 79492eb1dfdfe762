"""Vote counting for co-op ballots and motions.

Plain Python, no ORM: the models call these functions and any member can run
them, with ``ballot_box.py`` (receipts and the hash chain), on a published
ballot box to recount an election.

Counting rules (documented in readme/USAGE.md):

* yes / no / abstain, single choice (plurality), approval (multiple choice);
* instant-runoff (IRV) for one seat;
* single transferable vote following the Scottish Local Government Elections
  Order 2007 (SSI 2007/42), schedule 1, rules 45 to 52: Droop quota, weighted
  inclusive Gregory transfers truncated to five decimal places, largest surplus
  first, exclusion of the lowest candidate, ties by the most recent preceding
  stage at which the tied candidates differed, then by lot.

"By lot" is a deterministic draw everybody can repeat: the tied candidates are
ordered by ``sha256("<seed>|<stage>|<candidate>")`` and the first one is drawn.
The seed is public and stored on the ballot before it opens.
"""

import hashlib
import math
from collections import Counter
from decimal import Decimal

# Five decimal places (rule 48(3)): vote values are integers in 1/100000 units.
VALUE_SCALE = 100_000

METHOD_YES_NO = "yes_no"
METHOD_SINGLE = "single"
METHOD_APPROVAL = "approval"
METHOD_IRV = "irv"
METHOD_STV = "stv"
RANKED_METHODS = (METHOD_IRV, METHOD_STV)
YES_NO_CHOICES = ("yes", "no", "abstain")

MAJORITIES = ("simple", "two_thirds", "three_quarters", "unanimity", "consensus")


def _(message):
    """Mark a message shown to voters for translation: the addon's
    translation export picks it up, the models translate it when they show
    it (this module stays free of Odoo)."""
    return message


class TallyError(ValueError):
    """Invalid ballot content or counting parameters.

    ``message`` is the English text, with ``%(name)s`` placeholders for
    ``params``; ``str(error)`` is the formatted English text.
    """

    def __init__(self, message, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


# ---------------------------------------------------------------------------
# Ballot content validation
# ---------------------------------------------------------------------------


def validate_content(method, options, content, seats=1, require_full_ranking=False):
    """Check one ballot's content and return it in canonical form.

    :param method: one of the METHOD_* constants
    :param options: iterable of option keys (strings)
    :param content: dict as submitted (``choice``, ``choices`` or ``ranking``)
    :param seats: seats to fill (maximum approvals are not limited by it)
    :param require_full_ranking: ranked ballots must rank every option
    :raise TallyError: with a message fit for the voter
    """
    options = [str(o) for o in options]
    if not isinstance(content, dict):
        raise TallyError(_("The ballot content is not readable."))
    if method == METHOD_YES_NO:
        choice = content.get("choice")
        if choice not in YES_NO_CHOICES:
            raise TallyError(_("Choose yes, no or abstain."))
        return {"choice": choice}
    if method == METHOD_SINGLE:
        choice = str(content.get("choice") or "")
        if choice not in options:
            raise TallyError(_("The chosen option is not on this ballot."))
        return {"choice": choice}
    if method == METHOD_APPROVAL:
        choices = content.get("choices") or []
        if not isinstance(choices, list | tuple):
            raise TallyError(_("The ballot content is not readable."))
        choices = [str(c) for c in choices]
        if not choices:
            raise TallyError(_("Approve at least one option."))
        if len(set(choices)) != len(choices):
            raise TallyError(_("An option is approved twice."))
        if set(choices) - set(options):
            raise TallyError(_("An approved option is not on this ballot."))
        return {"choices": sorted(choices, key=options.index)}
    if method in RANKED_METHODS:
        ranking = content.get("ranking")
        if not isinstance(ranking, list | tuple) or not ranking:
            raise TallyError(_("Rank at least one option."))
        ranking = [str(r) for r in ranking]
        if len(set(ranking)) != len(ranking):
            raise TallyError(_("An option is ranked more than once."))
        if set(ranking) - set(options):
            raise TallyError(_("A ranked option is not on this ballot."))
        if require_full_ranking and len(ranking) != len(options):
            raise TallyError(_("Rank every option: this ballot does not allow gaps."))
        return {"ranking": ranking}
    raise TallyError(f"Unknown voting method {method!r}.")


def validate_positions(positions, options, require_full_ranking=False):
    """Turn ``{option: rank number}`` (from a form, blanks omitted) into a ranking.

    Ranks must be 1, 2, 3 ... without duplicates or gaps.
    """
    ranks = {}
    for option, rank in positions.items():
        try:
            rank = int(rank)
        except (TypeError, ValueError) as exc:
            raise TallyError(_("Ranks must be whole numbers.")) from exc
        if rank in ranks:
            raise TallyError(_("Rank %(rank)s is given to more than one option."), rank=rank)
        ranks[rank] = str(option)
    if not ranks:
        raise TallyError(_("Rank at least one option."))
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        raise TallyError(_("Ranks must follow each other from 1 without gaps."))
    ranking = [ranks[r] for r in sorted(ranks)]
    return validate_content(
        METHOD_IRV, options, {"ranking": ranking}, require_full_ranking=require_full_ranking
    )["ranking"]


# ---------------------------------------------------------------------------
# Tie-breaking
# ---------------------------------------------------------------------------


def lot_order(seed, stage, candidates):
    """Deterministic draw: candidates sorted by sha256 of seed, stage and key."""

    def digest(candidate):
        return hashlib.sha256(f"{seed}|{stage}|{candidate}".encode()).hexdigest()

    return sorted(candidates, key=digest)


def _break_tie(tied, history, seed, stage, lowest):
    """Rule 49(2)/51(2): most recent preceding stage with unequal votes, then lot.

    Returns (candidate, how) where how is "history" or "lot".
    """
    tied = list(tied)
    for totals in reversed(history):
        values = {c: totals.get(c, 0) for c in tied}
        if len(set(values.values())) > 1:
            target = min(values.values()) if lowest else max(values.values())
            remaining = [c for c in tied if values[c] == target]
            if len(remaining) == 1:
                return remaining[0], "history"
            # Rule 51(2)(a) looks at the stage where *those* candidates differ;
            # with three or more tied, keep only the ones still level and go on.
            tied = remaining
    return lot_order(seed, stage, tied)[0], "lot"


def _units(value):
    """Format an integer number of 1/100000 vote units as a decimal string."""
    return str(Decimal(value).scaleb(-5).quantize(Decimal("0.00001")))


# ---------------------------------------------------------------------------
# Simple methods
# ---------------------------------------------------------------------------


def count_yes_no(contents):
    counts = Counter({choice: 0 for choice in YES_NO_CHOICES})
    counts.update(c["choice"] for c in contents)
    return {
        "method": METHOD_YES_NO,
        "counts": dict(counts),
        "valid": sum(counts.values()),
        "cast": counts["yes"] + counts["no"],
    }


def _top(counts, options, seats, seed):
    """The ``seats`` options with most votes; ties at the cut-off drawn by lot."""
    ordered = sorted(options, key=lambda o: -counts[o])
    if seats >= len(ordered):
        return ordered, None
    cutoff = counts[ordered[seats - 1]]
    sure = [o for o in ordered if counts[o] > cutoff]
    level = [o for o in ordered if counts[o] == cutoff]
    if len(sure) + len(level) == seats:
        return sure + level, None
    drawn = lot_order(seed, 1, level)[: seats - len(sure)]
    return sure + drawn, {"tied": level, "drawn": drawn, "how": "lot"}


def count_single(contents, options, seed, seats=1):
    options = [str(o) for o in options]
    counts = Counter({o: 0 for o in options})
    counts.update(c["choice"] for c in contents)
    winners, tie = _top(counts, options, seats, seed)
    if not contents:
        winners, tie = [], None
    return {
        "method": METHOD_SINGLE,
        "counts": dict(counts),
        "valid": len(contents),
        "elected": winners,
        "tie_break": tie,
    }


def count_approval(contents, options, seed, seats=1):
    options = [str(o) for o in options]
    counts = Counter({o: 0 for o in options})
    for content in contents:
        counts.update(content["choices"])
    winners, tie = _top(counts, options, seats, seed)
    if not contents:
        winners, tie = [], None
    return {
        "method": METHOD_APPROVAL,
        "counts": dict(counts),
        "valid": len(contents),
        "elected": winners,
        "tie_break": tie,
    }


# ---------------------------------------------------------------------------
# Ranked methods
# ---------------------------------------------------------------------------


class _Parcel:
    """Ballot papers with the same ranking; they always travel together."""

    __slots__ = ("ranking", "count", "value", "position")

    def __init__(self, ranking, count):
        self.ranking = ranking
        self.count = count
        self.value = VALUE_SCALE  # value of one paper, in 1/100000 votes
        self.position = 0

    def next_preference(self, continuing):
        """Advance to the next available preference (or None if exhausted)."""
        ranking = self.ranking
        while self.position < len(ranking) and ranking[self.position] not in continuing:
            self.position += 1
        return ranking[self.position] if self.position < len(ranking) else None


def _parcels(contents, options):
    counts = Counter(tuple(c["ranking"]) for c in contents)
    parcels = {o: [] for o in options}
    for ranking, count in counts.items():
        parcels[ranking[0]].append(_Parcel(ranking, count))
    return parcels, sum(counts.values())


def _move(papers, continuing, value_of, parcels):
    """Move parcels to their next available preference.

    ``value_of(parcel)`` gives the value of one paper after the transfer.
    Returns (transfers per candidate in units, non-transferable units).
    """
    transfers = Counter()
    lost = 0
    for parcel in papers:
        parcel.value = value_of(parcel)
        target = parcel.next_preference(continuing)
        if target is None:
            lost += parcel.count * parcel.value
            continue
        parcels[target].append(parcel)
        transfers[target] += parcel.count * parcel.value
    return transfers, lost


def count_irv(contents, options, seed):
    """Instant-runoff for one seat.

    Each round every ballot counts one vote for its highest-ranked continuing
    option. An option with more than half of the votes of the round (ballots
    not yet exhausted) is elected; otherwise the option with fewest votes is
    excluded (ties: most recent earlier round at which they differed, then lot)
    and its ballots move to their next continuing preference. The last
    continuing option is elected.
    """
    options = [str(o) for o in options]
    parcels, valid = _parcels(contents, options)
    continuing = set(options)
    totals = {o: sum(p.count for p in parcels[o]) for o in options}
    history, rounds = [], []
    exhausted = 0
    elected = []
    if not valid:
        return {"method": METHOD_IRV, "valid": 0, "rounds": [], "elected": [], "exhausted": 0}
    while True:
        number = len(rounds) + 1
        active = sum(totals[o] for o in continuing)
        record = {
            "round": number,
            "totals": {o: totals[o] for o in options if o in continuing},
            "exhausted": exhausted,
            "active": active,
            "elected": [],
            "excluded": [],
            "transfers": {},
            "tie_break": None,
        }
        rounds.append(record)
        leader = max(sorted(continuing, key=options.index), key=lambda o: totals[o])
        if 2 * totals[leader] > active or len(continuing) == 1:
            elected.append(leader)
            record["elected"] = [leader]
            break
        lowest_votes = min(totals[o] for o in continuing)
        tied = [o for o in options if o in continuing and totals[o] == lowest_votes]
        loser = tied[0]
        if len(tied) > 1:
            loser, how = _break_tie(tied, history, seed, number, lowest=True)
            record["tie_break"] = {"tied": tied, "chosen": loser, "how": how}
        history.append(dict(record["totals"]))
        continuing.discard(loser)
        record["excluded"] = [loser]
        papers, parcels[loser] = parcels[loser], []
        transfers, lost = _move(papers, continuing, lambda p: p.value, parcels)
        for target, units in transfers.items():
            totals[target] += units // VALUE_SCALE
        totals[loser] = 0
        exhausted += lost // VALUE_SCALE
        record["transfers"] = {t: u // VALUE_SCALE for t, u in transfers.items()}
        record["non_transferable"] = lost // VALUE_SCALE
    return {
        "method": METHOD_IRV,
        "valid": valid,
        "rounds": rounds,
        "elected": elected,
        "exhausted": exhausted,
    }


def droop_quota(valid, seats):
    """Rule 46: valid papers divided by seats + 1, decimals ignored, plus one."""
    return valid // (seats + 1) + 1


def count_stv(contents, options, seats, seed):
    """Single transferable vote, Scottish Local Government Elections Order 2007.

    Returns every stage with the totals at its end, the candidates deemed
    elected or excluded, the transfers and the non-transferable value, all as
    decimal strings with five places.
    """
    options = [str(o) for o in options]
    if not 1 <= seats <= len(options):
        raise TallyError("The number of seats must be between 1 and the number of candidates.")
    parcels, valid = _parcels(contents, options)
    quota = droop_quota(valid, seats)
    quota_units = quota * VALUE_SCALE
    continuing = set(options)
    totals = {o: sum(p.count for p in parcels[o]) * VALUE_SCALE for o in options}
    elected, excluded, pending = [], [], []
    history, stages = [], []
    non_transferable = 0

    def close_stage(record):
        # Rule 47: whoever reaches the quota at the end of a stage is deemed elected.
        reached = [o for o in options if o in continuing and totals[o] >= quota_units]
        # Ordered by votes; equal votes by the rule 49(2) comparison, then lot.
        while reached:
            best = max(totals[o] for o in reached)
            level = [o for o in reached if totals[o] == best]
            chosen = level[0]
            if len(level) > 1:
                chosen, how = _break_tie(level, history, seed, len(stages) + 1, lowest=False)
                record.setdefault("ties", []).append({"tied": level, "chosen": chosen, "how": how})
            reached.remove(chosen)
            continuing.discard(chosen)
            elected.append(chosen)
            record["elected"].append(chosen)
            if totals[chosen] > quota_units and len(elected) < seats:
                pending.append(chosen)
        record["totals"] = {o: _units(totals[o]) for o in options}
        record["non_transferable_total"] = _units(non_transferable)
        stages.append(record)
        history.append(dict(totals))

    if not valid:
        return {
            "method": METHOD_STV,
            "valid": 0,
            "seats": seats,
            "quota": quota,
            "stages": [],
            "elected": [],
        }
    close_stage({"stage": 1, "action": "first_preferences", "elected": [], "excluded": []})
    while len(elected) < seats:
        number = len(stages) + 1
        record = {"stage": number, "elected": [], "excluded": []}
        if len(continuing) == seats - len(elected):
            # Rule 52: as many continuing candidates as vacancies; no more transfers.
            remaining = sorted(continuing, key=lambda o: (-totals[o], options.index(o)))
            record.update(action="last_vacancies")
            continuing.clear()
            elected.extend(remaining)
            record["elected"] = remaining
            record["totals"] = {o: _units(totals[o]) for o in options}
            record["non_transferable_total"] = _units(non_transferable)
            stages.append(record)
            break
        if pending:
            # Rule 49: largest surplus first; equal surpluses by history, then lot.
            best = max(totals[o] for o in pending)
            level = [o for o in pending if totals[o] == best]
            source = level[0]
            if len(level) > 1:
                source, how = _break_tie(level, history, seed, number, lowest=False)
                record["tie_break"] = {"tied": level, "chosen": source, "how": how}
            pending.remove(source)
            surplus = totals[source] - quota_units
            total = totals[source]
            papers, parcels[source] = parcels[source], []

            # Rule 48(3): surplus x paper value / total votes, truncated to 5 places.
            def transfer_value(parcel, surplus=surplus, total=total):
                return surplus * parcel.value // total

            transfers, lost = _move(papers, continuing, transfer_value, parcels)
            moved = sum(transfers.values())
            totals[source] = quota_units
            record.update(
                action="surplus",
                candidate=source,
                surplus=_units(surplus),
                transfers={t: _units(u) for t, u in transfers.items()},
                non_transferable=_units(surplus - moved),
            )
            non_transferable += surplus - moved
        else:
            # Rule 50: exclude the lowest continuing candidate; rule 51 for ties.
            lowest = min(totals[o] for o in continuing)
            level = [o for o in options if o in continuing and totals[o] == lowest]
            loser = level[0]
            if len(level) > 1:
                loser, how = _break_tie(level, history, seed, number, lowest=True)
                record["tie_break"] = {"tied": level, "chosen": loser, "how": how}
            continuing.discard(loser)
            excluded.append(loser)
            papers, parcels[loser] = parcels[loser], []
            transfers, lost = _move(papers, continuing, lambda p: p.value, parcels)
            record.update(
                action="exclusion",
                candidate=loser,
                transfers={t: _units(u) for t, u in transfers.items()},
                non_transferable=_units(lost),
            )
            record["excluded"] = [loser]
            non_transferable += lost
            totals[loser] = 0
        for target, units in transfers.items():
            totals[target] += units
        close_stage(record)
    return {
        "method": METHOD_STV,
        "valid": valid,
        "seats": seats,
        "quota": quota,
        "stages": stages,
        "elected": elected,
        "excluded": excluded,
    }


def tally(method, options, contents, seats=1, seed=""):
    """Count validated ballot contents with the ballot's method."""
    options = [str(o) for o in options]
    if method == METHOD_YES_NO:
        return count_yes_no(contents)
    if method == METHOD_SINGLE:
        return count_single(contents, options, seed, seats)
    if method == METHOD_APPROVAL:
        return count_approval(contents, options, seed, seats)
    if method == METHOD_IRV:
        return count_irv(contents, options, seed)
    if method == METHOD_STV:
        return count_stv(contents, options, seats, seed)
    raise TallyError(f"Unknown voting method {method!r}.")


# ---------------------------------------------------------------------------
# Motions: majority and quorum
# ---------------------------------------------------------------------------


def motion_adopted(majority, yes, no, abstain=0):
    """Decide a motion from its votes.

    * simple: more yes than no (a majority of the votes cast, abstentions
      are not votes cast);
    * two_thirds / three_quarters: yes at least 2/3 or 3/4 of the votes cast;
    * unanimity: every valid ballot is yes (an abstention breaks unanimity);
    * consensus: nobody blocks (votes "no"); abstentions stand aside.
    At least one yes is always required.
    """
    cast = yes + no
    if yes <= 0:
        return False
    if majority == "simple":
        return yes > no
    if majority == "two_thirds":
        return 3 * yes >= 2 * cast
    if majority == "three_quarters":
        return 4 * yes >= 3 * cast
    if majority == "unanimity":
        return no == 0 and abstain == 0
    if majority == "consensus":
        return no == 0
    raise TallyError(f"Unknown majority {majority!r}.")


def quorum_required(quorum_type, quorum_value, eligible):
    """Members needed for quorum: a fixed number or a percentage (rounded up)."""
    if quorum_type == "percent":
        return math.ceil(eligible * Decimal(str(quorum_value or 0)) / 100)
    if quorum_type == "number":
        return int(math.ceil(quorum_value or 0))
    raise TallyError(f"Unknown quorum type {quorum_type!r}.")


def quorum_progress(counted, required):
    """How far a meeting is towards its quorum, in whole percent, 100 once reached
    (and for a quorum of nobody)."""
    if required <= 0 or counted >= required:
        return 100
    return counted * 100 // required


def quorum_status(quorum_type, quorum_value, eligible, present, represented, proxies_allowed):
    """Live quorum: members present, plus those represented if the bylaws allow proxies."""
    required = quorum_required(quorum_type, quorum_value, eligible)
    counted = present + (represented if proxies_allowed else 0)
    return {"required": required, "counted": counted, "reached": counted >= required}
