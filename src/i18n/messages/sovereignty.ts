import type {Catalogue} from '../messages.js'

/**
 * The EU Cloud Sovereignty Framework section. The Commission publishes the framework in English
 * only; the objective names in Dutch, German and French are working translations, and the report
 * gives the framework's English name beside each.
 */
const en = {
  title: 'Sovereignty (EU Cloud Sovereignty Framework)',
  none: 'No sovereignty data: the catalog has no sovereignty/ folder, so no score or SEAL is computed.',
  unknown: 'unknown',
  knownPart: (known: string, coverage: string) => ` (${known} over the ${coverage} known)`,
  basis: (basis: string): string =>
    ({
      'third-party': 'third-party estimate',
      'self-assessed': 'self-assessed',
      'catalog-facts': 'ceiling from catalog facts',
      unknown: 'unknown',
    })[basis] ?? basis,
  heldBy: (profile: string, count: string, examples: string) => `${profile} (${count}: ${examples})`,
  heldByUnknown: (profile: string, count: string) => `${profile} (${count}, level unknown)`,
  summary: (
    framework: string,
    criticality: string,
    resource: string,
    seal: string,
    critical: string | undefined,
    weights: string,
    set: string,
  ) =>
    `${framework}. Sovereignty Score of the estate, weighted by category criticality: ${criticality} of 100; by resource count: ${resource}. Weakest-link SEAL of the estate: ${seal}${critical ? `; of the critical categories: ${critical}` : ''}. Weights: ${weights} (set ${set}).`,
  howToRead:
    'How to read it: a score counts unknown objectives as 0 points, so it is a lower bound; the figure in brackets is the score over what is known. A SEAL is the lowest level among the providers that hold the resources (the framework’s weakest-link rule); "≤" marks a ceiling, where a capping fact is known (such as a non-EU parent) or a provider’s level is unknown. Provider levels are third-party estimates or ceilings from catalog facts, not audits and not official: no body certifies providers against the framework.',
  objective: (_id: string, name: string) => name,
  objectivesHead: 'Objective|Name|Weight|Estate score|Critical score|Weakest link (estate)|Weakest link (critical)',
  scopesTitle: 'Score and weakest link per scope',
  scopesHead: 'Scope|Resources|Score (criticality-weighted)|Score (resource-weighted)|Weakest-link SEAL|Held down by',
  scope: (id: string, title: string): string =>
    ({
      estate: 'Whole estate',
      critical: 'Critical categories',
      stateful: 'Stateful resources (data)',
      'critical-functions': 'Critical or important functions (tag critical-function=true)',
    })[id] ?? title,
  categoriesTitle: 'Weakest-link SEAL per category',
  categoriesHead: 'Category|Critical|Resources|Score|Weakest-link SEAL|Held down by',
  yes: 'yes',
  no: 'no',
  raiseTitle: 'What would raise it',
  raiseNone:
    'No move from the catalog’s European alternatives lifts the weakest link of a critical category (or every level there is unknown).',
  raiseLead:
    'For each critical category, the moves of the services at the weakest level to European alternatives of the catalog at a higher level, with the effort the catalog gives. "After" is the weakest link once every such service has moved to its best alternative.',
  raiseHead: 'Category|Now|After|Service held down|Resources|Move to (SEAL)|Effort',
  raiseBlocked: 'no European alternative above the current level',
  profilesTitle: 'Provider profiles used',
  profilesLead:
    'Each cell: the SEAL (³ third-party estimate, ᶜ ceiling from catalog facts, ˢ self-assessed; "unknown" where nothing was found) and, where the source gives it, the objective’s share of points.',
  profilesHead: 'Profile|Resources|Overall|{objectives}|Basis|Framework version|Sources',
  operatedBy: (name: string, operator: string) => `${name} (operated by ${operator})`,
  certificationsTitle: 'Certifications and labels of the providers in use and of the European alternatives',
  certificationsHead: 'Provider or offering|Scheme|Status|Level|Scope|Since|Expires|Source',
  expiryUnpublished: 'expiry not published',
  checked: (source: string, day: string) => `${source} (checked ${day})`,
  noCertifications: 'none recorded for these providers',
  notAdopted: 'NOT ADOPTED: no provider can hold it yet',
  schemes: (list: string) =>
    `Schemes: ${list}. A scheme not listed for a provider was not found for it, which is not the same as not held.`,
}

type SovereigntyMessages = typeof en

/** The framework's objective names as the Commission publishes them (English), for the translations to cite. */
const OBJECTIVE_NAMES: Record<string, Record<'nl' | 'de' | 'fr', string>> = {
  'SOV-1': {nl: 'Strategische soevereiniteit', de: 'Strategische Souveränität', fr: 'Souveraineté stratégique'},
  'SOV-2': {
    nl: 'Juridische en jurisdictionele soevereiniteit',
    de: 'Rechtliche und jurisdiktionelle Souveränität',
    fr: 'Souveraineté juridique et juridictionnelle',
  },
  'SOV-3': {nl: 'Data- en AI-soevereiniteit', de: 'Daten- und KI-Souveränität', fr: 'Souveraineté des données et de l’IA'},
  'SOV-4': {nl: 'Operationele soevereiniteit', de: 'Operative Souveränität', fr: 'Souveraineté opérationnelle'},
  'SOV-5': {
    nl: 'Soevereiniteit van de toeleveringsketen',
    de: 'Souveränität der Lieferkette',
    fr: 'Souveraineté de la chaîne d’approvisionnement',
  },
  'SOV-6': {nl: 'Technologische soevereiniteit', de: 'Technologische Souveränität', fr: 'Souveraineté technologique'},
  'SOV-7': {
    nl: 'Soevereiniteit op het gebied van beveiliging en compliance',
    de: 'Souveränität bei Sicherheit und Compliance',
    fr: 'Souveraineté en matière de sécurité et de conformité',
  },
  'SOV-8': {nl: 'Ecologische duurzaamheid', de: 'Ökologische Nachhaltigkeit', fr: 'Durabilité environnementale'},
}
const translated = (lang: 'nl' | 'de' | 'fr') => (id: string, name: string) => {
  const own = OBJECTIVE_NAMES[id]?.[lang]
  return own ? `${own} (${name})` : name
}

const nl: SovereigntyMessages = {
  title: 'Soevereiniteit (EU Cloud Sovereignty Framework)',
  none: 'Geen soevereiniteitsgegevens: de catalogus heeft geen map sovereignty/, dus er is geen score of SEAL berekend.',
  unknown: 'onbekend',
  knownPart: (known, coverage) => ` (${known} over de ${coverage} die bekend is)`,
  basis: (basis) =>
    ({
      'third-party': 'schatting door derden',
      'self-assessed': 'zelfbeoordeling',
      'catalog-facts': 'plafond uit catalogusfeiten',
      unknown: 'onbekend',
    })[basis] ?? basis,
  heldBy: (profile, count, examples) => `${profile} (${count}: ${examples})`,
  heldByUnknown: (profile, count) => `${profile} (${count}, niveau onbekend)`,
  summary: (framework, criticality, resource, seal, critical, weights, set) =>
    `${framework}. Sovereignty Score van de gehele omgeving, gewogen naar de kritiekheid van de categorieën: ${criticality} van 100; naar aantal resources: ${resource}. SEAL van de zwakste schakel van de gehele omgeving: ${seal}${critical ? `; van de kritieke categorieën: ${critical}` : ''}. Wegingen: ${weights} (set ${set}).`,
  howToRead:
    'Leeswijzer: een score telt onbekende doelstellingen als 0 punten en is dus een ondergrens; het getal tussen haakjes is de score over wat bekend is. Een SEAL is het laagste niveau onder de aanbieders bij wie de resources zijn ondergebracht (de regel van de zwakste schakel uit het framework); „≤” markeert een plafond, waar een beperkend feit bekend is (zoals een moederonderneming buiten de EU) of het niveau van een aanbieder onbekend is. Niveaus van aanbieders zijn schattingen door derden of plafonds uit catalogusfeiten, geen audits en niet officieel: geen enkele instantie certificeert aanbieders tegen het framework.',
  objective: translated('nl'),
  objectivesHead:
    'Doelstelling|Naam|Weging|Score gehele omgeving|Score kritiek|Zwakste schakel (gehele omgeving)|Zwakste schakel (kritiek)',
  scopesTitle: 'Score en zwakste schakel per reikwijdte',
  scopesHead:
    'Reikwijdte|Resources|Score (gewogen naar kritiekheid)|Score (gewogen naar resources)|SEAL zwakste schakel|Omlaag gehouden door',
  scope: (id, title) =>
    ({
      estate: 'Gehele omgeving',
      critical: 'Kritieke categorieën',
      stateful: 'Resources met toestand (gegevens)',
      'critical-functions': 'Kritieke of belangrijke functies (tag critical-function=true)',
    })[id] ?? title,
  categoriesTitle: 'SEAL van de zwakste schakel per categorie',
  categoriesHead: 'Categorie|Kritiek|Resources|Score|SEAL zwakste schakel|Omlaag gehouden door',
  yes: 'ja',
  no: 'nee',
  raiseTitle: 'Wat het niveau zou verhogen',
  raiseNone:
    'Geen overstap naar de Europese alternatieven uit de catalogus verhoogt de zwakste schakel van een kritieke categorie (of elk niveau daar is onbekend).',
  raiseLead:
    'Per kritieke categorie de overstap van de diensten op het zwakste niveau naar Europese alternatieven uit de catalogus op een hoger niveau, met de inspanning die de catalogus aangeeft. „Daarna” is de zwakste schakel zodra elke zodanige dienst naar het beste alternatief is overgestapt.',
  raiseHead: 'Categorie|Nu|Daarna|Dienst die het niveau beperkt|Resources|Overstappen naar (SEAL)|Inspanning',
  raiseBlocked: 'geen Europees alternatief boven het huidige niveau',
  profilesTitle: 'Gebruikte aanbiedersprofielen',
  profilesLead:
    'Elke cel: de SEAL (³ schatting door derden, ᶜ plafond uit catalogusfeiten, ˢ zelfbeoordeling; „onbekend” waar niets is gevonden) en, waar de bron dit vermeldt, het aandeel van de punten van de doelstelling.',
  profilesHead: 'Profiel|Resources|Totaal|{objectives}|Grondslag|Versie van het framework|Bronnen',
  operatedBy: (name, operator) => `${name} (geëxploiteerd door ${operator})`,
  certificationsTitle: 'Certificeringen en keurmerken van de gebruikte aanbieders en van de Europese alternatieven',
  certificationsHead: 'Aanbieder of aanbod|Regeling|Status|Niveau|Reikwijdte|Sinds|Verloopt|Bron',
  expiryUnpublished: 'vervaldatum niet gepubliceerd',
  checked: (source, day) => `${source} (gecontroleerd op ${day})`,
  noCertifications: 'geen vastgelegd voor deze aanbieders',
  notAdopted: 'NIET VASTGESTELD: nog geen aanbieder kan deze houden',
  schemes: (list) =>
    `Regelingen: ${list}. Een regeling die bij een aanbieder niet is vermeld, is voor die aanbieder niet gevonden; dat is niet hetzelfde als niet gehouden.`,
}

const de: SovereigntyMessages = {
  title: 'Souveränität (EU Cloud Sovereignty Framework)',
  none: 'Keine Souveränitätsdaten: Der Katalog hat keinen Ordner sovereignty/, daher wird weder ein Score noch ein SEAL berechnet.',
  unknown: 'unbekannt',
  knownPart: (known, coverage) => ` (${known} über die bekannten ${coverage})`,
  basis: (basis) =>
    ({
      'third-party': 'Schätzung Dritter',
      'self-assessed': 'Selbstbewertung',
      'catalog-facts': 'Obergrenze aus Katalogfakten',
      unknown: 'unbekannt',
    })[basis] ?? basis,
  heldBy: (profile, count, examples) => `${profile} (${count}: ${examples})`,
  heldByUnknown: (profile, count) => `${profile} (${count}, Stufe unbekannt)`,
  summary: (framework, criticality, resource, seal, critical, weights, set) =>
    `${framework}. Sovereignty Score des Bestands, gewichtet nach Kritikalität der Kategorien: ${criticality} von 100; nach Anzahl der Ressourcen: ${resource}. SEAL des schwächsten Glieds im Bestand: ${seal}${critical ? `; in den kritischen Kategorien: ${critical}` : ''}. Gewichtung: ${weights} (Satz ${set}).`,
  howToRead:
    'Lesehinweis: Ein Score zählt unbekannte Ziele mit 0 Punkten und ist daher eine Untergrenze; die Zahl in Klammern ist der Score über das Bekannte. Ein SEAL ist die niedrigste Stufe unter den Anbietern, bei denen die Ressourcen liegen (die Regel des schwächsten Glieds aus dem Framework); „≤“ kennzeichnet eine Obergrenze, wo eine begrenzende Tatsache bekannt ist (etwa eine Muttergesellschaft außerhalb der EU) oder die Stufe eines Anbieters unbekannt ist. Stufen von Anbietern sind Schätzungen Dritter oder Obergrenzen aus Katalogfakten, keine Audits und nicht amtlich: Keine Stelle zertifiziert Anbieter nach dem Framework.',
  objective: translated('de'),
  objectivesHead: 'Ziel|Name|Gewicht|Score Bestand|Score kritisch|Schwächstes Glied (Bestand)|Schwächstes Glied (kritisch)',
  scopesTitle: 'Score und schwächstes Glied je Bereich',
  scopesHead: 'Bereich|Ressourcen|Score (nach Kritikalität)|Score (nach Ressourcen)|SEAL schwächstes Glied|Begrenzt durch',
  scope: (id, title) =>
    ({
      estate: 'Gesamter Bestand',
      critical: 'Kritische Kategorien',
      stateful: 'Zustandsbehaftete Ressourcen (Daten)',
      'critical-functions': 'Kritische oder wichtige Funktionen (Tag critical-function=true)',
    })[id] ?? title,
  categoriesTitle: 'SEAL des schwächsten Glieds je Kategorie',
  categoriesHead: 'Kategorie|Kritisch|Ressourcen|Score|SEAL schwächstes Glied|Begrenzt durch',
  yes: 'ja',
  no: 'nein',
  raiseTitle: 'Was die Stufe anheben würde',
  raiseNone:
    'Kein Wechsel zu den europäischen Alternativen des Katalogs hebt das schwächste Glied einer kritischen Kategorie an (oder jede Stufe dort ist unbekannt).',
  raiseLead:
    'Für jede kritische Kategorie die Wechsel der Dienste auf der schwächsten Stufe zu europäischen Alternativen des Katalogs auf einer höheren Stufe, mit dem Aufwand, den der Katalog nennt. „Danach“ ist das schwächste Glied, sobald jeder solche Dienst zu seiner besten Alternative gewechselt ist.',
  raiseHead: 'Kategorie|Jetzt|Danach|Begrenzender Dienst|Ressourcen|Wechsel zu (SEAL)|Aufwand',
  raiseBlocked: 'keine europäische Alternative oberhalb der aktuellen Stufe',
  profilesTitle: 'Verwendete Anbieterprofile',
  profilesLead:
    'Jede Zelle: der SEAL (³ Schätzung Dritter, ᶜ Obergrenze aus Katalogfakten, ˢ Selbstbewertung; „unbekannt“, wo nichts gefunden wurde) und, soweit die Quelle ihn nennt, der Anteil an den Punkten des Ziels.',
  profilesHead: 'Profil|Ressourcen|Gesamt|{objectives}|Grundlage|Version des Frameworks|Quellen',
  operatedBy: (name, operator) => `${name} (betrieben von ${operator})`,
  certificationsTitle: 'Zertifizierungen und Kennzeichnungen der genutzten Anbieter und der europäischen Alternativen',
  certificationsHead: 'Anbieter oder Angebot|Programm|Status|Stufe|Geltungsbereich|Seit|Gültig bis|Quelle',
  expiryUnpublished: 'Ablauf nicht veröffentlicht',
  checked: (source, day) => `${source} (geprüft am ${day})`,
  noCertifications: 'für diese Anbieter keine erfasst',
  notAdopted: 'NICHT ANGENOMMEN: noch kann kein Anbieter es erlangen',
  schemes: (list) =>
    `Programme: ${list}. Ein Programm, das für einen Anbieter nicht aufgeführt ist, wurde für ihn nicht gefunden; das heißt nicht, dass er es nicht besitzt.`,
}

const fr: SovereigntyMessages = {
  title: 'Souveraineté (EU Cloud Sovereignty Framework)',
  none: 'Aucune donnée de souveraineté\u00a0: le catalogue ne contient pas de dossier sovereignty/, aucun score ni SEAL n’est donc calculé.',
  unknown: 'inconnu',
  knownPart: (known, coverage) => ` (${known} sur les ${coverage} connus)`,
  basis: (basis) =>
    ({
      'third-party': 'estimation par un tiers',
      'self-assessed': 'auto-évaluation',
      'catalog-facts': 'plafond tiré des faits du catalogue',
      unknown: 'inconnu',
    })[basis] ?? basis,
  heldBy: (profile, count, examples) => `${profile} (${count}\u00a0: ${examples})`,
  heldByUnknown: (profile, count) => `${profile} (${count}, niveau inconnu)`,
  summary: (framework, criticality, resource, seal, critical, weights, set) =>
    `${framework}. Sovereignty Score du parc, pondéré par la criticité des catégories\u00a0: ${criticality} sur 100\u202f; par nombre de ressources\u00a0: ${resource}. SEAL du maillon le plus faible du parc\u00a0: ${seal}${critical ? `\u202f; des catégories critiques\u00a0: ${critical}` : ''}. Pondérations\u00a0: ${weights} (jeu ${set}).`,
  howToRead:
    'Mode de lecture\u00a0: un score compte les objectifs inconnus pour 0 point et constitue donc une borne inférieure\u202f; le chiffre entre parenthèses est le score sur ce qui est connu. Un SEAL est le niveau le plus bas parmi les fournisseurs qui hébergent les ressources (la règle du maillon le plus faible du cadre)\u202f; «\u00a0≤\u00a0» signale un plafond, lorsqu’un fait limitant est connu (par exemple une société mère hors de l’UE) ou que le niveau d’un fournisseur est inconnu. Les niveaux des fournisseurs sont des estimations par des tiers ou des plafonds tirés des faits du catalogue, ni des audits ni des niveaux officiels\u00a0: aucun organisme ne certifie les fournisseurs au regard du cadre.',
  objective: translated('fr'),
  objectivesHead:
    'Objectif|Nom|Pondération|Score du parc|Score critique|Maillon le plus faible (parc)|Maillon le plus faible (critique)',
  scopesTitle: 'Score et maillon le plus faible par périmètre',
  scopesHead:
    'Périmètre|Ressources|Score (pondéré par la criticité)|Score (pondéré par les ressources)|SEAL du maillon le plus faible|Limité par',
  scope: (id, title) =>
    ({
      estate: 'Ensemble du parc',
      critical: 'Catégories critiques',
      stateful: 'Ressources persistantes (données)',
      'critical-functions': 'Fonctions critiques ou importantes (étiquette critical-function=true)',
    })[id] ?? title,
  categoriesTitle: 'SEAL du maillon le plus faible par catégorie',
  categoriesHead: 'Catégorie|Critique|Ressources|Score|SEAL du maillon le plus faible|Limité par',
  yes: 'oui',
  no: 'non',
  raiseTitle: 'Ce qui relèverait le niveau',
  raiseNone:
    'Aucune migration vers les solutions européennes du catalogue ne relève le maillon le plus faible d’une catégorie critique (ou tous les niveaux y sont inconnus).',
  raiseLead:
    'Pour chaque catégorie critique, les migrations des services au niveau le plus faible vers des solutions européennes du catalogue de niveau supérieur, avec l’effort indiqué par le catalogue. «\u00a0Après\u00a0» est le maillon le plus faible une fois que chacun de ces services a migré vers sa meilleure solution.',
  raiseHead: 'Catégorie|Actuel|Après|Service limitant|Ressources|Migrer vers (SEAL)|Effort',
  raiseBlocked: 'aucune solution européenne au-dessus du niveau actuel',
  profilesTitle: 'Profils de fournisseurs utilisés',
  profilesLead:
    'Chaque cellule\u00a0: le SEAL (³ estimation par un tiers, ᶜ plafond tiré des faits du catalogue, ˢ auto-évaluation\u202f; «\u00a0inconnu\u00a0» lorsque rien n’a été trouvé) et, lorsque la source l’indique, la part des points de l’objectif.',
  profilesHead: 'Profil|Ressources|Global|{objectives}|Fondement|Version du cadre|Sources',
  operatedBy: (name, operator) => `${name} (exploité par ${operator})`,
  certificationsTitle: 'Certifications et labels des fournisseurs utilisés et des solutions européennes',
  certificationsHead: 'Fournisseur ou offre|Référentiel|Statut|Niveau|Périmètre|Depuis|Expiration|Source',
  expiryUnpublished: 'expiration non publiée',
  checked: (source, day) => `${source} (vérifié le ${day})`,
  noCertifications: 'aucune enregistrée pour ces fournisseurs',
  notAdopted: 'NON ADOPTÉ\u00a0: aucun fournisseur ne peut encore l’obtenir',
  schemes: (list) =>
    `Référentiels\u00a0: ${list}. Un référentiel non mentionné pour un fournisseur n’a pas été trouvé pour lui, ce qui ne signifie pas qu’il ne le détient pas.`,
}

/** The EU Cloud Sovereignty Framework section. Table heads are `|`-separated; `{objectives}` stands for SOV-1…SOV-8. */
export const sovereigntyMessages = {en, nl, de, fr} satisfies Catalogue<SovereigntyMessages>
