"""Erasure, the access request and the status-note scan recognise a resident in every way Danes write.

Every resident here is fictional.
"""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from cases.models import Case, CaseParty, CaseStatus, Entry, Outcome, PartyRole, Resident
from cases.privacy.identity import MARKERS, Kind, ascii_spelling
from cases.privacy.services import KEEP_OPEN, free_text_fields, resident_erase
from cases.services import case_update
from reporting.notes import services as note_services
from tests.cases import builders
from tests.conftest import client_for
from tests.notes.factories import make_note, plan_with_figures, write_sections
from tests.privacy.test_identity import address_mention, name_mention, people, phone_mention
from tests.privacy.test_retention import every_value_in_the_database

pytestmark = pytest.mark.django_db

GURLI = {
    "name": "Gurli Sjælørsen",
    "address": "Sjælørvej 12, 2. tv.",
    "phone": "+45 21 43 65 87",
}
#: Gurli as a caretaker may write about her, in one note.
ABOUT_GURLI = (
    "Sjaeloersens hund gøede; GURLI SJÆLØRSEN ringede fra 21.43.65.87 og fra 2143 6587; "
    "hun bor på Sjælørvej 12 (Sjaeloer Vej 12, 2.tv). "
)
ORDINARY = "Naboen klagede over støj om natten; vi aftalte et møde kl. 10 på 2. sal."


def traces_of(values: dict, text: str) -> list[str]:
    """What of a person is still in `text`: name parts, the street, the 8 digits of the phone."""
    canonical = ascii_spelling(text)
    words = set(re.findall(r"\w+", canonical))
    found = [p for p in values["name"].split() if {ascii_spelling(p), ascii_spelling(p) + "s"} & words]
    street = ascii_spelling(values["address"].split()[0].rstrip(","))
    if street in canonical.replace(" ", ""):
        found.append(street)
    digits = re.sub(r"\D", "", values["phone"])[-8:]
    if digits in re.sub(r"[\s.\-+()]", "", text):
        found.append(digits)
    return found


@pytest.fixture
def neighbours(world):
    """Gurli and Jens share a neighbour-conflict case; Jens also has a case of his own."""
    plan, worker = world.plan_a, world.worker_a
    gurli = builders.make_resident(plan, worker, **GURLI)
    jens = builders.make_resident(plan, worker, name="Jens Bliversen", address="Bliv Allé 1, st. th.")
    shared = builders.make_case(
        plan,
        worker,
        residents=[gurli, jens],
        roles=[PartyRole.COMPLAINANT, PartyRole.COMPLAINED_ABOUT],
        summary="Støj fra Sjælørsens lejlighed",
    )
    builders.log(shared, worker, note=ABOUT_GURLI + ORDINARY)
    current = Case.objects.get(pk=shared.pk)
    case_update(case=current, user=worker, version=current.version, summary="Gurli Sjælørsens klage")
    own = builders.make_case(plan, worker, residents=[jens], summary="Jens' husleje")
    return {"gurli": gurli, "jens": jens, "shared": shared, "own": own}


class TestErasureLeavesNoTrace:
    def test_in_any_free_text_field_of_any_table_current_or_history(self, populated, neighbours):
        """Every free-text field of every row (history tables included) mentions Gurli; none does after."""
        fields = free_text_fields()
        for model, names in fields.items():
            for name in names:
                max_length = model._meta.get_field(name).max_length or 10_000
                model._base_manager.update(**{name: (ABOUT_GURLI + ORDINARY)[:max_length]})
        assert any(m._meta.label == "cases.HistoricalCase" for m in fields)
        assert any(m._meta.label == "notes.NoteSection" for m in fields)
        assert traces_of(GURLI, every_value_in_the_database())

        resident_erase(resident=neighbours["gurli"], user=populated.leader_a)

        assert traces_of(GURLI, every_value_in_the_database()) == []
        jens = Resident.objects.get(pk=neighbours["jens"].pk)
        assert (jens.name, jens.address) == ("Jens Bliversen", "Bliv Allé 1, st. th.")
        note = Entry.objects.filter(case=neighbours["shared"]).exclude(note="").first().note
        assert ORDINARY[:40] in note and str(MARKERS[Kind.NAME]) in note

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a database test takes too long
    )
    @given(data=st.data())
    def test_generated_people_written_in_every_form(self, world, data):
        p = data.draw(people())
        identity = p["identity"]
        assume(not {"none", "true", "false"} & {ascii_spelling(w) for w in identity.name.split()})
        mentions = [
            data.draw(name_mention(p)),
            data.draw(address_mention(p)),
            data.draw(phone_mention(p)),
            data.draw(name_mention(p)),
        ]
        values = {"name": identity.name, "address": identity.address, "phone": identity.phone}
        # A generated name part that the database already holds for other reasons (a heading's word
        # such as "Barrier") is no trace of the person: draw another.
        assume(traces_of(values, every_value_in_the_database()) == [])
        with transaction.atomic():
            plan, worker = world.plan_a, world.worker_a
            person = builders.make_resident(
                plan, worker, name=identity.name, address=identity.address, phone=identity.phone
            )
            other = builders.make_resident(plan, worker, name="Jens Bliversen")
            case = builders.make_case(plan, worker, residents=[person, other], summary=mentions[0][:200])
            builders.log(case, worker, note=" og ".join(mentions) + ". " + ORDINARY)
            resident_erase(resident=person, user=world.leader_a)
            assert traces_of(values, every_value_in_the_database()) == [], mentions
            assert ORDINARY in Entry.objects.filter(case=case).exclude(note="Første kontakt.").get().note
            transaction.set_rollback(True)


def test_a_course_graduate_record_of_the_resident_keeps_its_place_but_not_the_name(world):
    from tests.activities import builders as logbook

    gurli = builders.make_resident(world.plan_a, world.worker_a, **GURLI)
    cohort = logbook.cohort(world.plan_a)
    graduate = logbook.graduate(cohort)
    type(graduate).objects.filter(pk=graduate.pk).update(name=GURLI["name"], resident=gurli)
    resident_erase(resident=gurli, user=world.leader_a)
    graduate.refresh_from_db()
    assert "Sjælørsen" not in graduate.name and graduate.cohort_id == cohort.pk


def test_a_course_graduate_written_only_by_the_residents_name_loses_it_in_any_spelling(world):
    from tests.activities import builders as logbook

    gurli = builders.make_resident(world.plan_a, world.worker_a, **GURLI)
    cohort = logbook.cohort(world.plan_a)
    by_name = logbook.graduate(cohort, name="GURLI SJAELOERSEN")  # not linked to her: her name only
    someone_else = logbook.graduate(cohort, name="Gurli Hansen")
    resident_erase(resident=gurli, user=world.leader_a)
    by_name.refresh_from_db()
    someone_else.refresh_from_db()
    assert "SJAELOERSEN" not in by_name.name and by_name.cohort_id == cohort.pk
    assert someone_else.name == "Gurli Hansen"


class TestAccessRequest:
    def test_prints_no_other_residents_name_address_or_phone_in_any_spelling(self, world, neighbours):
        jens = neighbours["jens"]
        builders.log(
            neighbours["shared"], world.worker_a, note="Jens Bliversen og Bliversens søn; Bliv Alle 1 ringede"
        )
        url = reverse("privacy:access_request_json", kwargs={"plan_id": world.plan_a.pk, "pk": jens.pk})
        export = client_for(world.leader_a).get(url).content.decode()
        data = json.loads(export)
        texts = json.dumps(data["cases"], ensure_ascii=False)
        assert traces_of(GURLI, texts) == []
        assert "Bliversens søn" in texts and "Jens Bliversen" in texts  # his own name stays
        assert "vi aftalte et møde kl. 10 på 2. sal" in texts

    def test_a_resident_of_the_plan_who_is_not_on_the_case_is_cut_out_too(self, world, neighbours):
        builders.make_resident(world.plan_a, world.worker_a, name="Oline Opdigtsen", phone="31 41 59 26")
        builders.log(neighbours["own"], world.worker_a, note="Oline Opdigtsens søn, tlf. 3141-5926, hjalp.")
        url = reverse(
            "privacy:access_request_json", kwargs={"plan_id": world.plan_a.pk, "pk": neighbours["jens"].pk}
        )
        data = json.loads(client_for(world.leader_a).get(url).content)
        texts = json.dumps(data["cases"], ensure_ascii=False)
        assert "Opdigtsen" not in texts and "5926" not in texts and "hjalp" in texts


class TestStatusNoteScan:
    @pytest.mark.parametrize(
        "prose",
        [
            "Sjælørsens sag er løst.",
            "Vi besøgte Sjaeloervej 12 flere gange.",
            "Ring 21.43.65.87 for mere.",
            "GURLI SJAELOERSEN deltog.",
            "Kontakt via 0045 2143 6587.",
        ],
    )
    def test_flags_every_form_in_sections_and_summary(self, world, neighbours, prose):
        note = make_note(world.plan_a, world.leader_a, stage="draft")
        note = note_services.note_summary_write(note=note, summary=prose)
        assert [h["where"] for h in note_services.identity_scan(note)] == ["Resumé"]

    def test_flags_the_sections_and_an_earlier_address(self, world, neighbours):
        plan_with_figures(world)  # an initiative, so the note has a section
        from cases.services import resident_update

        resident_update(resident=neighbours["gurli"], user=world.worker_a, address="Nyvej 3, 1. th")
        note = make_note(world.plan_a, world.leader_a, stage="draft")
        write_sections(note, world.worker_a, progress="Flyttet fra Sjælørvej 12 i maj.")
        [hit] = note_services.identity_scan(note)
        assert hit["kind"] == Kind.ADDRESS and hit["found"] == "Sjælørvej 12"

    def test_ordinary_prose_passes(self, world, neighbours):
        plan_with_figures(world)
        note = make_note(world.plan_a, world.leader_a, stage="draft")
        write_sections(note, world.worker_a, progress=ORDINARY)
        note = note_services.note_summary_write(note=note, summary="Fogeden kom to gange; skoven er ryddet.")
        assert note_services.identity_scan(note) == []


class TestTheOnlyResidentOfAnOpenCase:
    def erase_url(self, world, resident):
        return reverse("privacy:resident_erase", kwargs={"plan_id": world.plan_a.pk, "pk": resident.pk})

    def test_erasure_asks_what_becomes_of_the_case(self, world, neighbours):
        jens, own = neighbours["jens"], neighbours["own"]
        leader = client_for(world.leader_a)
        page = leader.get(self.erase_url(world, jens)).content.decode()
        assert f"case_{own.pk}" in page and f"case_{neighbours['shared'].pk}" not in page
        response = leader.post(self.erase_url(world, jens), {"confirm": "on"})
        assert response.status_code == 200
        assert "Vælg, om sagen lukkes eller holdes åben uden beboer." in response.content.decode()
        assert Resident.objects.filter(pk=jens.pk).exists()

    def test_kept_open_it_stays_on_the_caseload_flagged(self, world, neighbours):
        jens, own = neighbours["jens"], neighbours["own"]
        leader = client_for(world.leader_a)
        response = leader.post(self.erase_url(world, jens), {"confirm": "on", f"case_{own.pk}": KEEP_OPEN})
        assert response.status_code == 302
        case = Case.objects.get(pk=own.pk)
        assert case.status == CaseStatus.OPEN and not case.parties.exists() and case.summary == ""
        caseload = reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})
        page = client_for(world.worker_a).get(caseload).content.decode()
        assert own.number in page and "Ingen beboer på sagen (slettet efter anmodning)" in page

    def test_closed_with_an_outcome(self, world, neighbours):
        jens, own = neighbours["jens"], neighbours["own"]
        client_for(world.leader_a).post(
            self.erase_url(world, jens), {"confirm": "on", f"case_{own.pk}": Outcome.WITHDRAWN}
        )
        case = Case.objects.get(pk=own.pk)
        assert (case.status, case.outcome) == (CaseStatus.CLOSED, Outcome.WITHDRAWN)
        assert not Resident.objects.filter(pk=jens.pk).exists()

    def test_an_outcome_of_another_case_type_is_refused(self, world, neighbours):
        jens, own = neighbours["jens"], neighbours["own"]
        response = client_for(world.leader_a).post(
            self.erase_url(world, jens), {"confirm": "on", f"case_{own.pk}": Outcome.AVERTED_PAID}
        )
        assert response.status_code == 200 and Resident.objects.filter(pk=jens.pk).exists()

    def test_the_service_refuses_without_an_answer(self, world, neighbours):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            resident_erase(resident=neighbours["jens"], user=world.leader_a)
        assert CaseParty.objects.filter(resident=neighbours["jens"]).count() == 2


def test_the_dashboard_figures_are_the_same_before_and_after_erasing_demo_residents(db):
    """On the demo data, erasing residents (one case kept open, one closed) changes no criterion figure."""
    from cases.privacy.services import sole_open_cases
    from helhedsplan.demo import SEED_PLAN_SLUG
    from helhedsplan.models import Plan
    from reporting.selectors import criteria_results

    call_command("seed_demo", "--force", "--today", "2019-06-03", stdout=StringIO())
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    as_of = datetime.date(2019, 6, 3)
    years = range(plan.start_date.year - 1, plan.end_date.year + 1)

    def figures():
        return {
            (r.code, year): (r.value, r.status, [tuple(vars(p).values()) for p in r.series])
            for year in years
            for r in criteria_results(plan, year, as_of)
        }

    before = figures()
    assert any(value is not None for value, _, _ in before.values())
    shared = Resident.objects.filter(plan=plan, case_parties__case__parties__isnull=False).distinct()
    erased = 0
    for resident in list(shared.order_by("pk")[:6]) + list(
        Resident.objects.filter(plan=plan, case_parties__case__status=CaseStatus.OPEN).order_by("-pk")[:3]
    ):
        if not Resident.objects.filter(pk=resident.pk).exists():
            continue
        resident_erase(
            resident=resident,
            user=plan.memberships.first().user,
            decisions={case.pk: KEEP_OPEN for case in sole_open_cases(resident)},
        )
        erased += 1
    assert erased >= 5
    assert figures() == before
