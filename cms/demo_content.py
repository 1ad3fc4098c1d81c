"""The texts of the demo dialogue "Verenigingsdialoog Regionale Samenwerking".

Kept apart from the command that builds the pages, so the texts can be read and
edited as texts.
"""

from cms.phases import Step

DIALOGUE_TITLE = "Verenigingsdialoog Regionale Samenwerking"
DIALOGUE_SLUG = "regionale-samenwerking"
DIALOGUE_INTRO = (
    "Hoe werken gemeenten in de regio het beste samen, en wat kan de VNG daarbij "
    "betekenen? In zeven stappen verkennen leden samen knelpunten, ideeën en "
    "prioriteiten. Uw bijdrage is zichtbaar voor iedereen, uw naam nooit."
)
DIALOGUE_CONTEXT = (
    "<p>Gemeenten werken steeds vaker samen: in veiligheidsregio's, "
    "gemeenschappelijke regelingen, regiodeals en woondeals. Dat levert veel op, "
    "maar roept ook vragen op over democratische legitimiteit, sturing en "
    "werkdruk. Deze dialoog haalt op wat burgemeesters, wethouders, raadsleden, "
    "griffiers, gemeentesecretarissen en ambtenaren zelf ervaren.</p>"
    "<p>De uitkomsten vormen de basis voor het rapport en de routekaart die de VNG "
    "aan het eind van de dialoog publiceert.</p>"
)

HOME_INTRO = (
    "Op deze site voert de Vereniging van Nederlandse Gemeenten online dialogen met "
    "haar leden. Iedereen die bij een gemeente werkt of in de raad zit, kan "
    "anoniem meedoen."
)

# Per step: title, summary, and the body as (heading, paragraphs) sections.
PHASES = {
    Step.VINDEN: (
        "Vinden: wie moeten er meepraten?",
        "We brengen in kaart wie er bij regionale samenwerking betrokken zijn en wie "
        "er nog ontbreekt aan tafel.",
        [
            (
                "Waarom deze stap",
                "Een dialoog is zo goed als de mensen die meedoen. In deze stap "
                "stellen we samen met de provinciale afdelingen en de netwerken het "
                "overzicht van belanghebbenden op: van burgemeesters tot "
                "griffiers, van kleine plattelandsgemeenten tot de G4.",
            ),
            (
                "Wat u kunt doen",
                "Mist u een groep, een netwerk of een functie? Noem hieronder wie "
                "er volgens u moet meedoen, met een korte reden. Het team van de "
                "dialoog zoekt de mensen erbij en nodigt ze uit; wie de suggestie "
                "deed, blijft onbekend.",
            ),
        ],
    ),
    Step.VERZAMELEN: (
        "Verzamelen: uitnodigen en aanmelden",
        "Leden krijgen een persoonlijke uitnodiging of melden zich aan via de pagina "
        "van hun afdeling of netwerk.",
        [
            (
                "Hoe u meedoet",
                "U ontvangt een persoonlijke link per e-mail, of u meldt zich aan op "
                "de pagina van uw provinciale afdeling of netwerk. U geeft daarbij "
                "uw rol en gemeente op. Uw gemeente gebruiken we alleen om te tellen "
                "hoeveel gemeenten meedoen; bij uw bijdragen staat zij nooit.",
            ),
            (
                "Zo blijft u anoniem",
                "Uw naam en e-mailadres staan alleen in de uitnodigingslijst. Uw "
                "bijdragen zijn daar niet mee verbonden: ook wie de database in "
                "handen krijgt, kan niet zien wie wat schreef. Bij een bijdrage "
                "tonen we hooguit een groep, zoals 'griffier · Gelderland', en "
                "alleen als minstens tien deelnemers die groep delen.",
            ),
        ],
    ),
    Step.VERKENNEN: (
        "Verkennen: waar staan we?",
        "We verkennen samen de context: wat gaat goed in de regionale samenwerking, "
        "wat schuurt, en welke thema's verdienen aandacht?",
        [
            (
                "Vragen in deze stap",
                "Beantwoord de open vragen hieronder vanuit uw eigen ervaring. Er "
                "zijn geen goede of foute antwoorden; juist uiteenlopende ervaringen "
                "helpen. Uit de antwoorden stellen de gespreksleiders de thema's "
                "samen voor de volgende stap.",
            ),
            (
                "Wat er met uw antwoord gebeurt",
                "Antwoorden verschijnen op deze pagina nadat een gespreksleider ze "
                "heeft bekeken. Ze worden gebruikt in het rapport, zonder naam en "
                "zonder gemeente.",
            ),
        ],
    ),
    Step.VERRIJKEN: (
        "Verrijken: ideeën en zorgen per thema",
        "Per thema werken we ideeën en zorgen verder uit, en reageren deelnemers op "
        "elkaar.",
        [
            (
                "Zo werkt het",
                "Bij elk thema kunt u een idee of een zorg toevoegen, reageren op "
                "wat anderen schreven en bijdragen steunen die u belangrijk vindt.",
            ),
        ],
    ),
    Step.VOORKEUREN: (
        "Voorkeuren: wat is het belangrijkst?",
        "Met stippen verdelen en stellingen bepalen we samen welke thema's voorrang "
        "krijgen.",
        [
            (
                "Prioriteren",
                "U verdeelt een beperkt aantal stippen over de thema's en geeft bij "
                "stellingen aan of u het eens of oneens bent. Zo wordt zichtbaar "
                "waar gemeenten het over eens zijn, en waar groepen verschillen.",
            ),
        ],
    ),
    Step.VERDIEPEN: (
        "Verdiepen: knelpunten en oplossingen",
        "De belangrijkste thema's verdiepen we: wat houdt gemeenten tegen, wat werkt, "
        "en wat is de rol van de VNG?",
        [
            (
                "Samen de diepte in",
                "Per topthema bespreken we knelpunten, oplossingen die elders al "
                "werken en wat de VNG kan doen: lobby, kennisdeling of "
                "ondersteuning.",
            ),
        ],
    ),
    Step.VOORTZETTEN: (
        "Voortzetten: resultaten en routekaart",
        "We koppelen de uitkomsten terug in een rapport en een routekaart, en "
        "spreken af hoe we verder gaan.",
        [
            (
                "Wat u terugkrijgt",
                "Het rapport laat per stap zien wat er is opgehaald, met aantallen "
                "per groep zolang die groot genoeg zijn om niemand herkenbaar te "
                "maken. De routekaart vertaalt dat naar afspraken.",
            ),
        ],
    ),
}

# (step, days after today it opens, days after today it closes): one step is open
# today, earlier steps are closed and later ones are still to come.
SCHEDULE = {
    Step.VINDEN: (-42, -28),
    Step.VERZAMELEN: (-28, -14),
    Step.VERKENNEN: (-14, 14),
    Step.VERRIJKEN: (14, 35),
    Step.VOORKEUREN: (35, 56),
    Step.VERDIEPEN: (56, 77),
    Step.VOORTZETTEN: (77, 98),
}

ANONYMITY_FAQ = [
    (
        "Kan de VNG zien wat ik heb geschreven?",
        "Nee. Bijdragen zijn niet gekoppeld aan uw naam of e-mailadres. Ook "
        "beheerders en gespreksleiders zien niet wie iets schreef.",
    ),
    (
        "Waarom vraagt u naar mijn rol en gemeente?",
        "Zo kunnen we zien of alle groepen gemeenten meedoen. Uw gemeente wordt "
        "alleen apart geteld en nooit bij uw bijdrage bewaard.",
    ),
    (
        "Wat gebeurt er na afloop met de gegevens?",
        "Na afloop wordt de sleutel vernietigd waarmee deelnemers aan een "
        "uitnodiging te koppelen zijn. Daarna kan niemand dat verband nog leggen.",
    ),
]

# The statements. A section's text is a paragraph, or a list of bullet points.
PRIVACY_STATEMENT = [
    (
        "Wie is verantwoordelijk",
        "De Vereniging van Nederlandse Gemeenten (VNG), Nassaulaan 12, 2514 JS "
        "Den Haag, is de verwerkingsverantwoordelijke voor de persoonsgegevens in "
        "deze dialoog. Vragen over deze verklaring stelt u via dialoog@vng.example.",
    ),
    (
        "Functionaris gegevensbescherming",
        "De VNG heeft een functionaris gegevensbescherming (FG), die toeziet op hoe "
        "de VNG met persoonsgegevens omgaat. U bereikt de FG via fg@vng.example.",
    ),
    (
        "Waarvoor we gegevens gebruiken, en op welke grondslag",
        [
            "Uitnodigen: de VNG nodigt haar leden uit voor de dialoog. Grondslag: "
            "het gerechtvaardigd belang van de VNG om haar leden te raadplegen "
            "(artikel 6, lid 1, onder f AVG).",
            "Zelf aanmelden: u vraagt een persoonlijke link aan op de site. "
            "Grondslag: uw toestemming (artikel 6, lid 1, onder a AVG), die u "
            "geeft met het vinkje bij het aanmelden. U trekt haar in via ‘Mijn "
            "gegevens’; uw aanmelding wordt dan verwijderd.",
            "Meedoen en bijdragen, en het rapport over de dialoog: grondslag is het "
            "gerechtvaardigd belang van de VNG om met haar leden in gesprek te gaan "
            "en over de uitkomsten te rapporteren.",
        ],
    ),
    (
        "Welke gegevens we bewaren",
        [
            "Uitnodigingslijst: naam, e-mailadres, rol, gemeente en organisatie.",
            "Aanmelding: e-mailadres, rol, gemeente, de pagina waarop u zich "
            "aanmeldde en de dag waarop u akkoord gaf.",
            "Persoonlijke link: alleen een versleutelde vorm (hash) van de link en "
            "wanneer hij verloopt.",
            "Deelnemersprofiel: géén naam, e-mailadres of gemeente, maar uw rol, "
            "de provincie, de grootteklasse en de netwerken van uw gemeente, hoe u "
            "meedoet en de dag waarop u begon.",
            "Bijdragen, steun en meldingen: de tekst, de stap, de status en het "
            "moment, zonder naam. Op de site staat alleen de dag.",
            "We bewaren geen IP-adressen en geen gegevens over uw browser, ook "
            "niet in de logbestanden.",
        ],
    ),
    (
        "Wie de gegevens kan zien",
        "Alleen medewerkers van de VNG die de uitnodigingen verzorgen zien de "
        "uitnodigingslijst en de aanmeldingen. Bijdragen zijn voor iedereen "
        "zichtbaar, zonder naam; niemand, ook de VNG niet, kan zien welke bijdrage "
        "van wie is. Bij een bijdrage staat hooguit een groep, zoals ‘griffier · "
        "Gelderland’, en alleen als minstens tien deelnemers die groep delen.",
    ),
    (
        "Hoe lang we gegevens bewaren",
        [
            "Uitnodigingslijst: tot uiterlijk zes maanden na de laatste stap van de "
            "dialoog.",
            "Aanmeldingen: tot uiterlijk zes maanden na de laatste stap van de "
            "dialoog, of korter als u uw toestemming intrekt.",
            "Persoonlijke links: een link werkt één keer en verloopt na 30 dagen; "
            "een gebruikte link wordt meteen verwijderd, de overige bij het "
            "afsluiten van de dialoog.",
            "Deelnemersprofiel: tot u het verwijdert via ‘Mijn gegevens’. Na de "
            "laatste stap wordt de dialoog verzegeld: de sleutel die een profiel "
            "aan een e-mailadres koppelt, wordt vernietigd, zodat niemand dat "
            "verband nog kan leggen.",
            "Bijdragen: zolang de dialoog en het rapport online staan, zonder naam. "
            "Verwijdert u uw gegevens, dan kiest u of uw gepubliceerde bijdragen "
            "blijven staan of ook verdwijnen.",
        ],
    ),
    (
        "Uw rechten",
        "U kunt uw gegevens inzien, downloaden en laten verwijderen via ‘Mijn "
        "gegevens’, en bezwaar maken tegen het gebruik ervan. Voor vragen over uw "
        "rechten mailt u naar dialoog@vng.example of naar de FG.",
    ),
    (
        "Een klacht indienen",
        "Bent u het niet eens met hoe wij met uw gegevens omgaan? Laat het ons of "
        "de FG weten. U heeft ook het recht een klacht in te dienen bij de "
        "Autoriteit Persoonsgegevens, de toezichthouder in Nederland "
        "(autoriteitpersoonsgegevens.nl).",
    ),
    (
        "Cookies",
        "De site plaatst alleen cookies die nodig zijn om te werken: om te "
        "onthouden dat u meedoet, om formulieren te beveiligen en om na een "
        "handeling een melding te tonen. Er zijn geen cookies om u te volgen of "
        "te meten.",
    ),
]

ACCESSIBILITY_STATEMENT = [
    (
        "Over deze verklaring",
        "De Vereniging van Nederlandse Gemeenten wil dat iedereen aan deze dialoog "
        "kan meedoen. Deze verklaring volgt het model van de Nederlandse overheid en "
        "geldt voor de publieke pagina's van deze site.",
    ),
    (
        "Status",
        "Deze site voldoet gedeeltelijk aan de toegankelijkheidseisen (status B): "
        "de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA. Hieronder "
        "staat wat nog niet in orde is.",
    ),
    (
        "Datum en onderzoek",
        "Deze verklaring is opgesteld op 1 december 2026. Ze is gebaseerd op eigen "
        "onderzoek van de VNG: elk soort pagina is getoetst aan WCAG 2.1 niveau "
        "AA, op een breed scherm en op een scherm van 320 pixels breed, en met "
        "alleen een toetsenbord. Een onderzoek door een onafhankelijke deskundige "
        "volgt; daarna werken we deze verklaring bij.",
    ),
    (
        "Bekende problemen",
        [
            "De controle bij het aanmelden (captcha) toont tekens in een afbeelding, "
            "met een geluidsversie die een computerstem voorleest. Kunt u geen van "
            "beide gebruiken? Mail ons, dan sturen we u een persoonlijke "
            "uitnodiging.",
            "Video's die van een andere site op deze pagina's staan, hebben niet "
            "altijd ondertiteling. We vragen de makers erom en zetten bij elke video "
            "een korte beschrijving.",
            "Documenten om te downloaden, zoals verslagen, zijn nog niet allemaal "
            "toegankelijk. Wilt u een document in een andere vorm? Mail ons.",
        ],
    ),
    (
        "Loopt u ergens tegenaan?",
        "Meld het ons via dialoog@vng.example of het contactadres onderaan de "
        "pagina. We reageren binnen vijf werkdagen en zoeken samen met u een "
        "oplossing.",
    ),
    (
        "Niet tevreden?",
        "Bent u niet tevreden over hoe we uw melding hebben afgehandeld? Dien dan "
        "een klacht in bij de VNG via dialoog@vng.example. Komen we er samen niet "
        "uit, dan kunt u terecht bij de Nationale ombudsman.",
    ),
]

NETWORK_INTROS = {
    "G4": "De vier grote steden werken samen aan de opgaven van de grote stad.",
    "G40": "Het G40-stedennetwerk verbindt middelgrote steden met een centrumfunctie.",
    "M50": "De M50 verbindt middelgrote gemeenten tussen de grote steden en het "
    "platteland.",
    "P10": "De P10 verbindt grote plattelandsgemeenten met veel kernen.",
    "K80": "De K80 verbindt kleine gemeenten die zelf veel willen blijven doen.",
}

THEMES = [
    ("Democratische legitimiteit", "Hoe houdt de raad grip op regionale besluiten?"),
    ("Sturing en slagkracht", "Wie beslist, en hoe snel komt de regio tot resultaat?"),
    (
        "Capaciteit en werkdruk",
        "Wat vraagt samenwerking van bestuurders en ambtenaren?",
    ),
    ("Rol van de VNG", "Waar kan de VNG gemeenten het meest helpen?"),
]

DOT_VOTE_HEADING = "Welke thema's verdienen voorrang?"
DOT_VOTE_INTRO = (
    "U heeft vijf stippen. Geef ze aan de thema's die volgens u het eerst "
    "aandacht verdienen; hoogstens drie per thema."
)
POLL_QUESTION = "Hoe vaak wilt u de raad over regionale samenwerking horen?"
POLL_OPTIONS = ["Bij elk groot besluit", "Twee keer per jaar", "Eens per jaar"]

QUESTION_WHAT_WORKS = "Wat gaat er goed in de regionale samenwerking van uw gemeente?"
QUESTION_WHAT_CHAFES = "Waar schuurt het? Noem een concreet voorbeeld."

# Answers written for the demo; invented for illustration, attributed to nobody.
ANSWERS_WHAT_WORKS = [
    "De woondeal heeft ons echt geholpen: we spreken nu met één mond richting "
    "provincie en Rijk.",
    "Op jeugdzorg delen we inkoop en kennis. Kleine gemeenten zoals de onze kunnen "
    "dat alleen niet meer.",
    "De griffiers in onze regio hebben een vast overleg. Daardoor weten raden eerder "
    "wat er aankomt.",
    "De regionale energiestrategie dwong ons om samen keuzes te maken. Lastig, maar "
    "het resultaat is breed gedragen.",
    "Gezamenlijke raadsinformatiebijeenkomsten werken goed: raadsleden uit "
    "verschillende gemeenten leren elkaar kennen.",
    "Onze omgevingsdienst levert kwaliteit die wij als gemeente nooit zelf hadden "
    "kunnen organiseren.",
    "Bij de aanpak van ondermijning werken we met politie en buurgemeenten samen. "
    "Dat levert zichtbaar resultaat op.",
    "De regiodeal gaf ons geld én een reden om met het bedrijfsleven om tafel te gaan.",
    "We delen een arbeidsmarktregio; werkgevers weten ons daardoor beter te vinden.",
    "Ambtenaren wisselen kennis uit via regionale vakgroepen. Dat scheelt veel "
    "dubbel werk.",
    "Het portefeuillehoudersoverleg is goed voorbereid en de stukken zijn op tijd.",
    "Samen aanbesteden van het leerlingenvervoer heeft de kosten gedrukt.",
]

ANSWERS_WHAT_CHAFES = [
    "Als raad horen we pas van een besluit als het al genomen is. Zienswijzen komen "
    "te laat om nog iets te veranderen.",
    "Er zijn zoveel gemeenschappelijke regelingen dat niemand nog het overzicht heeft.",
    "De grote gemeente in de regio bepaalt in de praktijk de koers; kleinere "
    "gemeenten tekenen bij.",
    "Begrotingen van regionale organisaties stijgen elk jaar, terwijl wij moeten "
    "bezuinigen.",
    "Voor elk dossier een andere regio-indeling: veiligheid, zorg, wonen en "
    "economie hebben allemaal hun eigen kaart.",
    "Bestuurders zitten in zoveel overleggen dat er nauwelijks tijd overblijft voor "
    "de eigen gemeente.",
    "De informatievoorziening aan de raad is vaak te technisch. Raadsleden haken af.",
    "Als griffie hebben we te weinig capaciteit om alle regionale stukken voor de "
    "raad te duiden.",
    "Het duurt lang voordat er besloten wordt: elke gemeente moet apart langs de raad.",
    "Verantwoording loopt via te veel schijven; het is onduidelijk wie waarop "
    "aanspreekbaar is.",
    "Bij de regionale energiestrategie voelden inwoners zich niet gehoord.",
    "Gemeenten met krimp hebben andere vragen dan groeigemeenten; dat komt in "
    "regionale plannen slecht samen.",
]

# The idea board of Verrijken: (theme by index in THEMES, kind, text).
IDEAS = [
    (
        0,
        "idee",
        "Geef de raad bij elke gemeenschappelijke regeling een vaste rapporteur "
        "die twee keer per jaar terugkoppelt.",
    ),
    (
        0,
        "zorg",
        "Regionale besluiten komen als hamerstuk in de raad: wijzigen kan dan "
        "niet meer.",
    ),
    (
        1,
        "idee",
        "Spreek per regio vooraf af welk mandaat het dagelijks bestuur heeft, en "
        "wanneer het terug moet naar de colleges.",
    ),
    (
        1,
        "zorg",
        "Met zestien gemeenten aan tafel duurt elk besluit een jaar.",
    ),
    (
        2,
        "idee",
        "Deel specialisten tussen kleine gemeenten, met een gezamenlijke vacaturebank.",
    ),
    (
        2,
        "zorg",
        "Onze griffie van twee mensen kan niet alle regionale overleggen volgen.",
    ),
    (
        3,
        "idee",
        "Laat de VNG een model maken voor de informatievoorziening aan raden "
        "over regionale samenwerking.",
    ),
    (
        3,
        "zorg",
        "De VNG moet niet namens gemeenten gaan onderhandelen over regionale "
        "indelingen.",
    ),
]

# The Verdiepen board, on the three themes the demo's vote puts on top:
# (theme by index in THEMES, kind, text).
DEEPENING_HEADING = "De belangrijkste thema's uitgediept"
DEEPENING_INTRO = (
    "Bij de drie thema's die in de stap Voorkeuren de meeste stippen kregen: wat "
    "staat in de weg, wat werkt, en wat kan de VNG doen?"
)
DEEPENING = [
    (
        0,
        "knelpunt",
        "Raadsleden krijgen de stukken van de gemeenschappelijke regeling pas "
        "als het besluit al vastligt.",
    ),
    (
        0,
        "oplossing",
        "Een vaste zienswijzeronde van acht weken voor elke begroting van een "
        "regeling.",
    ),
    (
        0,
        "rol van de VNG",
        "Een model voor de informatieafspraken tussen regeling en raad.",
    ),
    (
        1,
        "knelpunt",
        "Elk college wil zijn eigen voorbehoud, dus duurt elk besluit maanden.",
    ),
    (
        1,
        "oplossing",
        "Mandaat vooraf: het dagelijks bestuur beslist binnen afgesproken kaders.",
    ),
    (
        2,
        "rol van de VNG",
        "Een pool van specialisten die kleine gemeenten samen kunnen inhuren.",
    ),
]

REACTIONS = [
    "Herkenbaar. Bij ons helpt een vaste regionale raadscommissie.",
    "Eens, en dat geldt ook voor de kleinere regelingen.",
    "Wij hebben goede ervaringen met een gezamenlijke raadsrapporteur.",
    "Mooi voorbeeld. Hoe hebben jullie dat georganiseerd?",
    "Dat zien wij ook. De VNG zou hier een handreiking voor kunnen maken.",
    "Bij ons werkt een jaarlijkse regioconferentie voor alle raadsleden.",
]

# Roles and how many demo participants have them: enough of some roles to pass
# the k-threshold, too few of others, so the demo shows labels and their absence.
DEMO_ROLES = [
    ("raadslid", 16),
    ("ambtenaar", 12),
    ("griffier", 6),
    ("wethouder", 5),
    ("burgemeester", 3),
    ("gemeentesecretaris", 2),
]

STATEMENTS_HEADING = "Stellingen over regionale samenwerking"
PROPOSED_STATEMENT = (
    "Een regio moet zelf kunnen kiezen welke taken zij samen oppakt, zonder "
    "blauwdruk van het Rijk."
)
STATEMENTS_INTRO = (
    "Geef bij elke stelling aan of u het eens of oneens bent. U ziet één stelling "
    "tegelijk en kunt uw antwoord later wijzigen."
)
# (statement, chance of "eens" among council members, among civil servants,
# among everyone else): some every group shares, some that divide.
STATEMENTS = [
    ("Regionale samenwerking is onmisbaar voor kleine gemeenten.", 0.9, 0.85, 0.85),
    ("De VNG moet gemeenten helpen om samen met één mond te spreken.", 0.85, 0.8, 0.8),
    ("Gemeenteraden worden te laat betrokken bij regionale besluiten.", 0.9, 0.25, 0.5),
    ("Gemeenschappelijke regelingen zijn democratisch goed geregeld.", 0.15, 0.7, 0.4),
    (
        "Gemeenten moeten meer geld krijgen voor de taken die het Rijk overdraagt.",
        0.9,
        0.9,
        0.9,
    ),
    (
        "Ambtelijke samenwerking moet verder gaan dan bestuurlijke samenwerking.",
        0.2,
        0.85,
        0.5,
    ),
    ("De provincie moet vaker de regie nemen in regionale opgaven.", 0.35, 0.4, 0.4),
    ("Raadsleden moeten een vaste plek krijgen in regionaal overleg.", 0.85, 0.3, 0.6),
    ("Kennis delen tussen gemeenten gaat nu al goed.", 0.5, 0.55, 0.5),
    ("De VNG moet gemeenten meer ondersteunen bij de woningbouw.", 0.8, 0.8, 0.75),
    ("Regio's moeten zelf hun grenzen kunnen kiezen.", 0.6, 0.3, 0.5),
    ("Herindeling is beter dan steeds meer samenwerkingsverbanden.", 0.3, 0.35, 0.3),
]
RESULTS_HEADING = "Wat de stellingen lieten zien"
RESULTS_INTRO = "De uitslag van de stellingen uit de stap Voorkeuren, zoals hij nu is."

ROADMAP_HEADING = "Routekaart voor verdere samenwerking"
ROADMAP_INTRO = (
    "Wat de dialoog heeft opgeleverd, vertaald naar afspraken: wie wat doet en "
    "wanneer. We houden de stand van zaken hier bij."
)
# (title, description, months from today, owner, status, themes by index in THEMES)
MILESTONES = [
    (
        "Handreiking raadsinformatie bij regionale besluiten",
        "Een handreiking voor griffies: wanneer en hoe de raad bij regionale "
        "besluiten betrokken wordt.",
        -1,
        "Werkgroep griffiers",
        "gereed",
        [0],
    ),
    (
        "Adviesnota aan het VNG-bestuur",
        "De uitkomsten van de dialoog als advies over de rol van de VNG.",
        1,
        "VNG-bestuur",
        "uitvoering",
        [3],
    ),
    (
        "Pilot regionaal besluitvormingsprotocol",
        "Drie regio's proberen vaste afspraken over mandaat en terugkoppeling uit.",
        4,
        "Drie pilotregio's met de VNG",
        "gepland",
        [0, 1],
    ),
    (
        "Kennisnetwerk voor kleine gemeenten",
        "Ambtenaren delen kennis en capaciteit, zodat kleine gemeenten niet alles "
        "alleen hoeven te doen.",
        7,
        "VNG Realisatie",
        "gepland",
        [2],
    ),
    (
        "Landelijke registratie van regionale regelingen",
        "Vervallen: de gemeenten gaven de voorkeur aan een regionale aanpak.",
        2,
        "VNG",
        "vervallen",
        [1],
    ),
]


# Vinden: "Wie moet er meedoen?", as (organisation or function, reason).
SUGGESTIONS_HEADING = "Wie moet er nog meepraten?"
SUGGESTIONS_INTRO = (
    "Noem een organisatie, netwerk, rol of functie die niet mag ontbreken, en "
    "waarom. Noem geen namen van personen."
)
SUGGESTIONS = [
    (
        "Omgevingsdiensten",
        "Zij voeren veel regionale taken voor ons uit en zien als eersten waar de "
        "samenwerking schuurt.",
    ),
    (
        "Griffiers van kleine gemeenten",
        "Zij ondersteunen raden die regionale stukken vaak als laatste zien.",
    ),
    (
        "Veiligheidsregio's",
        "Hun besturen zijn het bekendste voorbeeld van verlengd lokaal bestuur.",
    ),
    (
        "Regionale rekenkamers",
        "Zij onderzoeken al hoe raden grip houden op gemeenschappelijke regelingen.",
    ),
    (
        "Jongerenraden",
        "Regionale keuzes over wonen en werk raken hen het langst.",
    ),
]
SUGGESTION_WAITING = (
    "GGD-directeuren",
    "De publieke gezondheid is bij uitstek regionaal georganiseerd.",
)
