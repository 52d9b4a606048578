"""``coproduce schema`` and ``coproduce init``: what a document may hold, and one to fill in."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from coproduce.cli._common import Subparsers, Usage, add_command, emit, output_path
from coproduce.io import DOCUMENT_KINDS

__all__ = ["TEMPLATE", "add_parsers"]

SCHEMA_EXAMPLES = """\
examples:
  coproduce schema project > project.schema.json    for editors that check YAML/JSON
  coproduce schema appraisal
"""
INIT_EXAMPLES = """\
examples:
  coproduce init --output project.yaml              a commented template to fill in
  coproduce init > project.yaml
"""


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce schema`` and ``coproduce init`` to the subcommands ``sub``."""
    schema = add_command(
        sub,
        "schema",
        _run_schema,
        epilog=SCHEMA_EXAMPLES,
        help="print the JSON Schema of a kind of document",
    )
    _schema_arguments(schema)
    _init_arguments(
        add_command(
            sub, "init", _run_init, epilog=INIT_EXAMPLES, help="write a commented template project"
        )
    )


TEMPLATE = """\
# A coproduce project. Fill in what you know; leave out what you do not.
# Check it with:     coproduce validate {name}
# Appraise it with:  coproduce appraise {name} --format html --output report.html
schema_version: 2
# A short stable id (letters, digits and hyphens): the involvement log names its project by
# it, and `coproduce log new` writes it as my-project.log.yaml beside this file.
id: my-project
title: "My project"
description: >
  One paragraph on the research, its setting and the policy or practice it concerns.

# What is coproduction for here, and why? Motivations: substantive (better research),
# instrumental (findings used), normative (right in itself), political (ownership, trust,
# legitimacy). The paper: say so when the reasons are political (p. 8).
aims:
  - id: relevance
    description: Ask the questions that matter to the people who use the service
    motivations: [substantive]

# Who might take part. No personal names. kind: policy-maker, funder, manager, practitioner,
# patient, carer, public, community-organisation, researcher, commercial, other.
# Decision-makers and commercial partners are advised from Table 2; everyone else from the
# aims their involvement serves.
# power and interest: low, medium or high; leave out if not known.
stakeholders:
  - id: service-users
    kind: patient
    description: service users' group
    power: low
    interest: high
    brings: [lived-experience]        # what they bring (key question 1, p. 6)
    reimbursed: true                  # is their time paid?

# The research team; career stage and contract only show who bears costs.
researchers:
  - id: lead
    career_stage: senior              # early, mid or senior
    contract: open-ended              # open-ended or fixed-term
    carries_engagement: true

# Who is involved at which stage, how deeply. Stages: stage.mixed-teams,
# stage.framing-questions, stage.collecting-data, stage.analysing-data,
# stage.recommendations, stage.dissemination, stage.implementation.
# Modes, shallow to deep: recipient, advice, consultation, collaboration, partnership,
# user-controlled. Add `embedded: true` where researchers work inside the organisation.
plan:
  - stage: stage.framing-questions
    stakeholder: service-users
    mode: consultation
    aims: [relevance]

# Table 2 (p. 7): how each condition leans, less or more emphasis on coproduction. Leave out
# the ones you do not know. See `coproduce catalogue` for all nine.
conditions:
  - condition: condition.capacity     # time, money and expertise to involve people
    lean: more

resources:                            # none, limited, adequate or unknown
  time: adequate
  budget: limited
  facilitation: unknown

governance:
  decisions: unspecified              # researcher-led, consensus, steering-group, authority
  ground_rules: null                  # true, false, or null when not known
  publication_agreement: null

# Does the plan, or a contract, provide the researchers' help with implementation after the
# report? (Stakeholders may expect it: `expects_implementation_help: true`.)
implementation_support: null
duration_weeks: null                  # how long the project runs
"""


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce schema``."""
    kinds = [k.name for k in DOCUMENT_KINDS.values() if k.schema]
    schema.add_argument("kind", nargs="?", choices=kinds, default=kinds[0])


def _init_arguments(init: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce init``."""
    init.add_argument(
        "--output",
        "-o",
        type=output_path,
        metavar="FILE",
        help="write to FILE instead of standard output (refuses to overwrite)",
    )


def _run_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    from coproduce.schema import json_schema

    stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0


def _refuse_other_suffixes(output: Path) -> None:
    """Refuse an ``init`` output not named as YAML: the template is commented YAML."""
    from coproduce.errors import OutputFormatError
    from coproduce.io import output_format

    try:
        output_format(output, formats=("yaml",))
    except OutputFormatError:
        raise Usage(
            f"{output}: init writes a commented YAML template; name it "
            f"{output.with_suffix('.yaml')}"
        ) from None


def _run_init(args: argparse.Namespace, stdout: TextIO) -> int:
    name = args.output.name if args.output else "project.yaml"
    text = TEMPLATE.format(name=name)
    if args.output is not None:
        _refuse_other_suffixes(args.output)
        if args.output.exists():
            raise Usage(f"{args.output} exists; choose another name or remove it first")
    emit(text, args.output, stdout)
    return 0
