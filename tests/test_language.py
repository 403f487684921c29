"""Language: plainly English text is known without the identifier's model; any other text
goes to the identifier, which names its language."""

from __future__ import annotations

import pytest

from storyline.ingest.language import detect, is_foreign, plainly_english

# News paragraphs written for this test, each of more than 50 words.
ENGLISH = (
    "Firefighters battled the blaze at the harbour for most of the night, and by the morning "
    "the fire had spread to two warehouses that were used to store timber, officials said. "
    "The mayor said that the city would open an inquiry into the cause of the fire after "
    "residents complained that they had been warned about the risk for years. Three people "
    "were taken to hospital with burns, which the hospital described as minor."
)
OTHERS = {
    "de": (
        "Die Feuerwehr hat den Brand im Hafen in der Nacht zum Mittwoch unter Kontrolle gebracht, "
        "teilte die Stadt am Morgen mit. Das Feuer war in einer Lagerhalle ausgebrochen, in der "
        "Holz gelagert wurde, und hatte sich schnell auf ein zweites Gebäude ausgebreitet. Drei "
        "Menschen wurden mit leichten Verbrennungen ins Krankenhaus gebracht. Die Polizei "
        "ermittelt nun, wie es zu dem Brand kommen konnte, und sucht nach Zeugen."
    ),
    "fr": (
        "Les pompiers ont maîtrisé l'incendie du port dans la nuit de mardi à mercredi, a indiqué "
        "la mairie dans un communiqué publié le matin. Le feu avait pris dans un entrepôt où était "
        "stocké du bois, avant de gagner un second bâtiment. Trois personnes ont été transportées "
        "à l'hôpital pour des brûlures légères. Le maire a annoncé l'ouverture d'une enquête sur "
        "les causes du sinistre, que les habitants redoutaient depuis des années."
    ),
    "es": (
        "Los bomberos controlaron el incendio del puerto durante la noche del martes, según informó "
        "el ayuntamiento en un comunicado. El fuego comenzó en un almacén donde se guardaba madera "
        "y se extendió con rapidez a un segundo edificio. Tres personas fueron trasladadas al "
        "hospital con quemaduras leves. El alcalde anunció que la ciudad abrirá una investigación "
        "sobre las causas del incendio, que los vecinos temían desde hace años."
    ),
    "it": (
        "I vigili del fuoco hanno domato l'incendio del porto nella notte tra martedì e mercoledì, "
        "ha comunicato il comune in una nota diffusa al mattino. Le fiamme erano partite da un "
        "magazzino in cui era conservato del legname e si erano estese rapidamente a un secondo "
        "edificio. Tre persone sono state portate in ospedale con ustioni lievi. Il sindaco ha "
        "annunciato un'indagine sulle cause dell'incendio, che gli abitanti temevano da anni."
    ),
    "pt": (
        "Os bombeiros controlaram o incêndio no porto durante a noite de terça-feira, informou a "
        "prefeitura em um comunicado divulgado pela manhã. O fogo começou em um armazém onde era "
        "guardada madeira e se espalhou rapidamente para um segundo prédio. Três pessoas foram "
        "levadas ao hospital com queimaduras leves. O prefeito anunciou uma investigação sobre as "
        "causas do incêndio, que os moradores temiam havia anos."
    ),
    "nl": (
        "De brandweer heeft de brand in de haven in de nacht van dinsdag op woensdag onder controle "
        "gekregen, meldde de gemeente woensdagochtend. Het vuur was uitgebroken in een loods waar "
        "hout was opgeslagen en sloeg snel over naar een tweede gebouw. Drie mensen zijn met lichte "
        "brandwonden naar het ziekenhuis gebracht. De burgemeester kondigde een onderzoek aan naar "
        "de oorzaak van de brand, waar bewoners al jaren voor waarschuwden."
    ),
    "no": (
        "Brannvesenet fikk kontroll på brannen i havna natt til onsdag, opplyser kommunen i en "
        "pressemelding. Brannen startet i et lager der det ble oppbevart tømmer, og spredte seg "
        "raskt til en annen bygning. Tre personer ble fraktet til sykehus med lettere brannskader. "
        "Ordføreren sier at kommunen vil granske årsaken til brannen, som beboerne har advart mot "
        "i mange år, og ber om at alle som så noe tar kontakt med politiet."
    ),
}


def test_plainly_english_text_is_known_without_the_identifier() -> None:
    assert plainly_english(ENGLISH)
    assert detect(ENGLISH) == ("en", 1.0)
    assert is_foreign(ENGLISH) is None
    assert is_foreign(ENGLISH, ("de",)) == "en"  # a user who wants German only


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_go_to_the_identifier(code: str) -> None:
    text = OTHERS[code]
    assert len(text.split()) > 50
    assert not plainly_english(text)
    assert is_foreign(text) == code


def test_english_quoted_inside_a_foreign_article_is_left_to_the_identifier() -> None:
    quoted = OTHERS["fr"] + ' « We have lost everything that we had », a dit un habitant.'
    assert not plainly_english(quoted)
    assert is_foreign(quoted) == "fr"


def test_a_short_text_is_not_judged_by_its_function_words() -> None:
    assert not plainly_english("The fire of the harbour and the town that was said to be for the people.")
