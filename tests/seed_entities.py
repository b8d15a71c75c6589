"""What each seed names, read from the seeds by hand: leaders (with affiliation), countries,
organisations and event types. One table for every test that checks seed entities."""

TOKAYEV = "kassym-jomart-tokayev"

SEED_ENTITIES: dict[str, tuple[dict[str, str], set[str], set[str], list[str]]] = {
    "000": ({TOKAYEV: "KZ", "reuven-rivlin": "IL"}, {"KZ", "IL"}, set(), ["phone_call", "invitation"]),
    "001": (
        {TOKAYEV: "KZ", "xi-jinping": "CN", "nursultan-nazarbayev": "KZ"},
        {"KZ", "CN"},
        {"UN", "SCO", "CICA"},
        ["phone_call"],
    ),
    "002": (
        {
            "maulen-ashimbayev": "KZ",
            "gideon-saar": "IL",
            TOKAYEV: "KZ",
            "benjamin-netanyahu": "IL",
            "isaac-herzog": "IL",
        },
        {"KZ", "IL", "US"},
        set(),
        ["meeting"],
    ),
    "003": ({TOKAYEV: "KZ", "antonio-guterres": "UN"}, {"KZ"}, {"UN"}, ["phone_call"]),
    # Seed 004 names the UN General Assembly and the UN Security Council.
    "004": (
        {TOKAYEV: "KZ", "volkan-bozkir": "UNGA"},
        {"KZ", "SY", "AF"},
        {"UN", "UNGA", "UNSC"},
        ["meeting"],
    ),
}
