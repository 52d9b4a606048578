"""The rate card coproduce ships: the UK's NIHR payment guidance for involvement, as data.

Every figure here must come from the source and carry its date. The figures of the
guidance's rate table could not be confirmed when this card was written (see its ``note``),
so the rates are listed without amounts: lines priced at them are reported as unpriced until
you give the current figures in your own card (``costing.rate_card`` in the project, or
``coproduce cost PROJECT --rates FILE``, read by :func:`coproduce.io.load_rate_card`).
"""

from __future__ import annotations

from functools import cache

from coproduce.model import Rate, RateCard, RateUnit

__all__ = ["default_rate_card"]


@cache
def default_rate_card() -> RateCard:
    """The rate card shipped with coproduce: NIHR payment guidance, rates without amounts.

    Example:
        >>> card = default_rate_card()
        >>> card.currency, card.publisher
        ('GBP', 'National Institute for Health and Care Research (NIHR)')
        >>> [(r.role, r.unit.value, r.amount) for r in card.rates][:1]
        [('public-contributor', 'hour', None)]

    """
    return RateCard(
        id="nihr",
        currency="GBP",
        title="Payment guidance for researchers and professionals",
        publisher="National Institute for Health and Care Research (NIHR)",
        date=(
            "version 1.6, August 2024 (first published 31 August 2022); rates raised by "
            "10% from 16 December 2025"
        ),
        url="https://www.nihr.ac.uk/payment-guidance-researchers-and-professionals",
        note=(
            "The guidance is the NIHR's advice to research teams on costing public "
            "involvement; a companion guide (Payment guidance for members of the public "
            "considering involvement in research, version 1.4, July 2023) addresses "
            "contributors. Its hourly, half-day and day figures could not be confirmed "
            "from the sources available when this card was written, so no amount is "
            "given. What could be confirmed: the NIHR raised its payment rates for "
            "public involvement by 10% from 16 December 2025, after which they run from "
            "GBP 13.80 to GBP 495 depending on the role and the time asked (reported by "
            "The Carer UK, 'NIHR Increases Payment Rates for Public Involvement in "
            "Research'). Copy the current figures from the guidance into your own card, "
            "with its version and date."
        ),
        rates=(
            Rate(
                role="public-contributor",
                unit=RateUnit("hour"),
                note="figure not confirmed: take the current hourly rate from the guidance",
            ),
            Rate(
                role="public-contributor",
                unit=RateUnit("half-day"),
                note="figure not confirmed: take the current half-day rate from the guidance",
            ),
            Rate(
                role="public-contributor",
                unit=RateUnit("day"),
                note="figure not confirmed: take the current day rate from the guidance",
            ),
        ),
    )
