"""Demo status notes for the seed plan: 2018 published to the board, 2019 a draft being written.

The prose is fictional. Idempotent: a period that already has a note is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import Plan

from . import services
from .models import StatusNote

SUMMARY_2018 = (
    "2018 var året, hvor samarbejdet med boligselskaberne om restancer kom helt på plads. "
    "Flere fogedudsættelser blev afværget, og naboskabsaktiviteterne samlede flere beboere end året før.\n\n"
    "Den største udfordring er ventetiden hos kommunens boligrådgivere, som forsinker hjælpen i de sager, "
    "hvor udsættelsen allerede er berammet."
)

SECTIONS_2018 = {
    1: (
        "Den sociale vicevært har taget sig af restancesager, så snart udsættelsen var berammet, "
        "og har brobygget til gældsrådgivning og kommunens ydelser.",
        "",
        "Ventetid hos boligrådgiverne kan betyde, at en udsættelse gennemføres, før hjælpen når frem.",
        "Fast månedligt møde med restanceafdelingerne i alle fire boligselskaber.",
    ),
    2: (
        "Mæglinger og opgangsmøder har løst de fleste naboklager, før de blev til husordenssager.",
        "",
        "Ingen juraafdeling har endnu meldt sager tilbage, så effekten er svær at følge.",
        "Aftale med juraafdelingerne om kvartalsvis status.",
    ),
    3: (
        "Naboskaber-forløbet blev gennemført med et nyt hold, og to idéer fra forløbet blev til virkelighed.",
        "no",
        "",
        "Nyt hold starter i foråret med fokus på Kgs. Enghave.",
    ),
    4: (
        "To børnebestyrelser holder møde hver måned og har selv planlagt sommerfesten.",
        "no",
        "",
        "Årets spørgeskema om indflydelse gennemføres i november.",
    ),
}


#: What stood in the way of the criteria at risk or not met in 2018 (fictional prose).
BARRIERS_2018 = {
    "A2": "Brobygningerne registreres først, når sagen er åbnet; en del af årets hjælp blev givet før.",
    "A3": "3B's restanceafdeling blev omorganiseret, så aftalen med dem kom først på plads i 2018.",
    "B1": "Flere klager blev løst af frivillige mæglere uden for helhedsplanens registrering.",
    "C1": "Beboerne bag to store arrangementer flyttede fra området i foråret.",
    "C2": "Holdet startede sent på året; flere deltagere afslutter forløbet i 2019.",
    "D2": "Den ene børnebestyrelse mistede medlemmer ved skoleskiftet efter sommerferien.",
    "D3": "Spørgeskemaet blev kun besvaret af halvdelen af børnene.",
    "D4": "Beboermøderne i 3B-afdelingerne blev flyttet til hverdagsaftener med lavere fremmøde.",
}
OTHER_BARRIER = "Tallene følges tæt; en plan for året er aftalt med styregruppen."


def write_barriers(note, author, texts):
    """State the demo barriers of every criterion of `note` at risk or not met."""
    from .selectors import note_figures

    for code in services.unstated_barriers(note, note_figures(note)):
        services.criterion_barrier_write(
            note=note,
            code=code,
            barriers=texts.get(code, OTHER_BARRIER),
            no_barrier=False,
            written_by=author,
            may_sign_off=False,
        )


def write_sections(note, author, sections):
    """Write the demo texts into every section of `note` (public: the benchmark writes many notes)."""
    for section in note.sections.select_related("initiative"):
        progress, none, barriers, next_steps = sections.get(
            section.initiative.number, ("Arbejdet fortsætter som planlagt.", "no", "", "")
        )
        services.note_section_write(
            section=section,
            progress=progress,
            no_barriers=none == "no",
            barriers=barriers,
            next_steps=next_steps,
            written_by=author,
        )


@transaction.atomic
def seed(*, stdout=None, today: datetime.date | None = None) -> None:
    plan = Plan.objects.filter(slug=SEED_PLAN_SLUG).first()
    User = get_user_model()
    leader = User.objects.filter(username="projektleder").first()
    worker = User.objects.filter(username="vicevaert").first() or leader
    if plan is None or leader is None:
        return
    if not StatusNote.objects.filter(plan=plan, year=2018).exists():
        note = services.note_create(plan=plan, year=2018, created_by=leader)
        write_sections(note, worker, SECTIONS_2018)
        write_barriers(note, worker, BARRIERS_2018)
        services.note_summary_write(note=note, summary=SUMMARY_2018)
        services.note_submit(note=note, by=worker)
        services.note_approve(note=note, by=leader)
        services.note_publish(note=note, by=leader)
    if not StatusNote.objects.filter(plan=plan, year=2019).exists():
        note = services.note_create(plan=plan, year=2019, created_by=leader)
        write_sections(
            note,
            worker,
            {
                1: (
                    "Første halvår har budt på flere berammede udsættelser end ventet.",
                    "",
                    "Stor sagsmængde.",
                    "",
                )
            },
        )
    if stdout:
        stdout.write("Status notes: 2018 published, 2019 draft")
