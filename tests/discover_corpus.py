"""A small mixed stream written for the discovery tests: two fictional stories (a flood in
Brennick, a mine collapse at Tolvar) and one lone article about chess. All invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

# (name, publication day, outlet, title, text)
FLOOD = [
    ("flood-1", date(2024, 4, 2), "Valley Courier", "River Amsel bursts its banks in Brennick",
     ("The River Amsel burst its banks in Brennick on Monday night after three days of heavy rain, "
      "flooding the old town and forcing hundreds of residents from their homes, the mayor said.\n\n"
      "Rescue crews used boats to reach families trapped on upper floors along Mill Street. "
      "The Brennick fire brigade said water in the market square was more than a metre deep.\n\n"
      "Forecasters warned that more rain was expected in the Amsel valley on Wednesday.")),
    ("flood-2", date(2024, 4, 3), "Northern Ledger", "Brennick flood: schools shut as water keeps rising",
     ("Schools in Brennick stayed shut on Tuesday as the flooded River Amsel kept rising, and the "
      "mayor asked residents of the old town to leave before nightfall.\n\n"
      "About 900 people spent the night in emergency shelters, the regional council said. "
      "Boats from the fire brigade ferried elderly residents out of Mill Street.\n\n"
      "The Amsel valley railway line was closed between Brennick and Ostfeld.")),
    ("flood-3", date(2024, 4, 6), "Valley Courier", "Water recedes in Brennick, leaving mud and questions",
     ("The River Amsel fell back below its banks in Brennick on Friday, leaving streets of the old "
      "town covered in mud as residents returned to count the damage.\n\n"
      "The mayor said the flood defences along Mill Street had failed and promised an inquiry. "
      "Insurers estimated the damage in the Amsel valley at several million euros.\n\n"
      "The fire brigade said pumping would go on for a week.")),
]
MINE = [
    ("mine-1", date(2024, 4, 3), "Highland Post", "Tunnel collapse traps miners at Tolvar",
     ("A tunnel collapsed at the Tolvar copper mine on Wednesday morning, trapping eleven miners "
      "four hundred metres underground, the operator Kesh Mining said.\n\n"
      "Rescue teams were drilling a shaft to send air and water to the trapped men. "
      "Relatives gathered at the gates of the Tolvar mine through the night.\n\n"
      "The cause of the collapse was not yet known, the company said.")),
    ("mine-2", date(2024, 4, 4), "Northern Ledger", "Tolvar rescuers reach trapped miners with air line",
     ("Rescuers at the Tolvar copper mine reached the eleven trapped miners with an air line on "
      "Thursday and said all of them were alive, Kesh Mining said.\n\n"
      "The drilling of a wider rescue shaft would take at least two more days. "
      "Families at the mine gates cheered when the news came.\n\n"
      "Kesh Mining said the tunnel had been inspected a month before the collapse.")),
    ("mine-3", date(2024, 4, 7), "Highland Post", "All eleven Tolvar miners brought out alive",
     ("All eleven miners trapped by the tunnel collapse at the Tolvar copper mine were brought to "
      "the surface alive on Sunday through the rescue shaft, Kesh Mining said.\n\n"
      "The miners were taken to hospital for checks. "
      "Unions demanded an inquiry into safety at the Tolvar mine after the collapse.\n\n"
      "The operator said mining would stay suspended during the inquiry.")),
]
LONE = [
    ("chess", date(2024, 4, 5), "Sports Daily", "Okafor wins the Harlow chess open",
     ("Grandmaster Ada Okafor won the Harlow chess open on Friday with a round to spare, beating "
      "the defending champion in a sharp Sicilian game.\n\n"
      "Okafor finished with seven points from eight games. "
      "The tournament drew 240 players from nineteen countries.")),
]
CORPUS = FLOOD + MINE + LONE


def html(day: date, outlet: str, title: str, text: str) -> str:
    """An article as a web page with its publication date in the metadata."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" '
        f'content="{day.isoformat()}T08:00:00+00:00"><meta property="og:site_name" content="{outlet}">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def write_corpus(folder: Path, entries: list[tuple[str, date, str, str, str]] = CORPUS) -> Path:
    """The corpus as one HTML file per article in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, day, outlet, title, text in entries:
        (folder / f"{name}.html").write_text(html(day, outlet, title, text), encoding="utf-8")
    return folder
