import type {Effort} from '../../catalog/schema.js'
import type {Figures} from '../figures.js'
import type {Catalogue} from '../messages.js'

/** What a generated step knows of the service it is for; values come from the catalog and are left as written. */
export interface StepFacts {
  /** "Amazon RDS (AWS::RDS::DBInstance)" or the type alone. */
  what: string
  count: number
  /** The target the replacement is based on, if the catalog names one. */
  target?: string
  offer?: {service: string; provider: string}
}

type Sizes = Record<Effort, string>
type Waves = [number, number] | undefined

const en = {
  effortMeaning: (size: Effort) =>
    (
      ({
        S: 'reconfigure: the target speaks the same API or format',
        M: 'redeploy: same model, different tooling or API surface',
        L: 're-engineer: application code or data model changes',
        XL: 'rebuild: no equivalent, the function is re-created',
      }) as Sizes
    )[size],
  portability: (cls: string) =>
    (
      ({
        portable: 'portable',
        compatible: 'compatible',
        proprietary: 'proprietary',
        captive: 'captive',
        unmapped: 'unmapped',
      }) as Record<string, string>
    )[cls] ?? cls,
  days: (f: Figures, low: number, high: number) =>
    low === high ? `${f.n(low)} person-days` : `${f.n(low)}–${f.n(high)} person-days`,
  perResource: 'per resource',
  // Steps: imperative sentences, a verb first; the catalog's values stay as written.
  stepList: (f: Figures, s: StepFacts) =>
    s.count === 1
      ? `List the resource of ${s.what} and everything that uses it.`
      : `List the ${f.n(s.count)} resources of ${s.what} and everything that uses them.`,
  stepCopy: (s: StepFacts) =>
    `Copy the data to ${s.target ? `a replacement based on ${s.target}` : 'the chosen replacement'}${s.offer ? `, for example ${s.offer.service} at ${s.offer.provider}` : ''}, and keep both copies in sync until cut-over.`,
  stepSetUp: (s: StepFacts) =>
    `Set up ${s.target ? `a replacement based on ${s.target}` : 'the chosen replacement'}${s.offer ? `, for example ${s.offer.service} at ${s.offer.provider}` : ''}.`,
  stepSwitch: 'Switch clients and dependents over, and run old and new side by side until the results match.',
  stepDecommission: (count: number): string =>
    count === 1
      ? 'Decommission the original resource and revoke its credentials.'
      : 'Decommission the original resources and revoke their credentials.',
  lifecycle: (f: Figures, retired: boolean, day: string, successor: string | undefined) =>
    `${retired ? 'Retired on' : 'Retiring on'} ${f.date(day)}${successor ? `; the provider points to ${successor}` : ''}. A forced migration is the cheapest moment to exit: plan the move to an open target instead.`,
  classWords: (f: Figures, count: number, portability: string, notes: string) =>
    `${f.n(count)} ${count === 1 ? 'resource' : 'resources'} classed ${portability}${notes}`,
  otherCard: (rank: number, words: string) => `card ${rank} covers the ${words}`,
  differs: (others: string[], words: string) =>
    `Same service as ${others.length === 1 ? 'another card' : 'other cards'}: this card covers the ${words}; ${others.join('; ')}.`,
  // Card facts: label, then value.
  factWave: 'Do it in',
  wave: (f: Figures, waves: Waves) =>
    waves
      ? waves[0] === waves[1]
        ? `wave ${f.n(waves[0])}`
        : `waves ${f.n(waves[0])}–${f.n(waves[1])}`
      : 'no wave (no dependency data)',
  factEffort: 'Effort',
  effort: (f: Figures, size: string, days: string, count: number) => `${size}: ${days} for ${f.n(count)} resources`,
  effortUnknown: 'unknown (the catalog gives no effort)',
  factResources: 'Resources',
  resources: (f: Figures, count: number, portability: string, share: number) =>
    `${f.n(count)}, ${portability}, ${f.pct(share, 1)} of the estate’s lock-in`,
  factCovers: 'Covers',
  covers: (f: Figures, names: string[], more: number) => `${names.join(', ')}${more > 0 ? ` and ${f.n(more)} more` : ''}`,
  factApps: 'Apps',
  factOwners: 'Owners',
  factSpeaks: 'Speaks today',
  factMoveTo: 'Move to',
  factEquivalents: 'Open-source equivalents',
  factEuropean: 'European providers',
  factStateful: 'Stateful data',
  stateful: (f: Figures, gib: string, unknown: number) => `${gib}${unknown ? ` + ${f.n(unknown)} of unknown size` : ''}`,
  statefulNone: 'none',
  factUsedBy: 'Used by',
  usedBy: (f: Figures, count: number, examples: string[]) => `${f.n(count)} resources, e.g. ${examples.join(', ')}`,
  usedByNone: 'nothing recorded',
  factDiffers: 'How it differs',
  factLifecycle: 'Lifecycle',
  factAssumed: 'Assumed',
  plansIntro: (shown: number) =>
    `In the order to act: by exit wave, then by share of lock-in (risk), then by effort. Each card covers one service and class; it names its first ${shown} resources, the apps and owners they belong to (from the app and owner tags), and the effort in person-days (see the methodology).`,
  firstToMove: (f: Figures, service: string, provider: string, count: number, unblocks: number) =>
    `${service} at ${provider} ×${f.n(count)} (unblocks ${f.n(unblocks)})`,
  nothingWaits: (names: string[]) => `${names.join(', ')} (nothing later waits on this wave)`,
  minutes: (f: Figures, n: number) => `${f.n(n)} minutes`,
  hours: (hours: number) => `${hours.toFixed(1)} hours`,
  daysOf: (days: number) => `${days.toFixed(1)} days`,
  dataActSource:
    'Regulation (EU) 2023/2854 (Data Act), OJ L 2023/2854 of 22.12.2023, Arts. 25, 29 and 34 (EUR-Lex CELEX 32023R2854; Bundesnetzagentur, "Data Act: providers", read 2026-12-02)',
  // The Data Act's switching windows (Regulation (EU) 2023/2854).
  noticeStep: 'Notice: the customer asks to switch',
  noticePeriod: 'at most 2 months before the switching process starts',
  noticeRef: 'Art. 25(2)(d)',
  transitionStep: 'Transition: the provider assists and keeps the service running',
  transitionPeriod:
    '30 calendar days at most; the customer may extend it once; where the provider shows 30 days are technically unfeasible, an alternative period of at most 7 months',
  transitionRef: 'Art. 25(2)(a), 25(4), 25(5)',
  retrievalStep: 'Data retrieval after the transition',
  retrievalPeriod: 'at least 30 calendar days',
  retrievalRef: 'Art. 25(2)(g)',
  chargesStep: 'Switching charges (egress for the switch included)',
  chargesPeriod: (f: Figures, day: string) => `only reduced, at cost, until ${f.date(day)}; none from that day`,
  chargesRef: 'Art. 29(1)–(3)',
  parallelStep: 'Egress while running on both providers (parallel use)',
  parallelPeriod: 'may still be charged, at cost, at any time: parallel use is not switching',
  parallelRef: 'Art. 34(2)',
}

type PlanMessages = typeof en

const nl: PlanMessages = {
  effortMeaning: (size: Effort) =>
    (
      ({
        S: 'herconfigureren: het doel ondersteunt dezelfde API of hetzelfde formaat',
        M: 'opnieuw uitrollen: hetzelfde model, andere tooling of API',
        L: 'herontwerpen: de applicatiecode of het datamodel verandert',
        XL: 'herbouwen: er is geen equivalent, de functie wordt opnieuw gerealiseerd',
      }) as Sizes
    )[size],
  portability: (cls: string) =>
    (
      ({
        portable: 'portabel',
        compatible: 'compatibel',
        proprietary: 'propriëtair',
        captive: 'gebonden',
        unmapped: 'niet ingedeeld',
      }) as Record<string, string>
    )[cls] ?? cls,
  days: (f, low, high) => (low === high ? `${f.n(low)} persoonsdagen` : `${f.n(low)}–${f.n(high)} persoonsdagen`),
  perResource: 'per resource',
  stepList: (f, s) =>
    s.count === 1
      ? `Inventariseer de resource van de dienst ${s.what} en alles wat daarvan gebruikmaakt.`
      : `Inventariseer de ${f.n(s.count)} resources van de dienst ${s.what} en alles wat daarvan gebruikmaakt.`,
  stepCopy: (s) =>
    `Kopieer de gegevens naar ${s.target ? `een vervanging op basis van ${s.target}` : 'de gekozen vervanging'}${s.offer ? `, bijvoorbeeld ${s.offer.service} bij ${s.offer.provider},` : ''} en houd beide kopieën synchroon tot de overschakeling.`,
  stepSetUp: (s) =>
    `Richt ${s.target ? `een vervanging op basis van ${s.target}` : 'de gekozen vervanging'} in${s.offer ? `, bijvoorbeeld ${s.offer.service} bij ${s.offer.provider}` : ''}.`,
  stepSwitch:
    'Schakel clients en afhankelijke onderdelen over en laat oud en nieuw naast elkaar draaien tot de resultaten overeenkomen.',
  stepDecommission: (count) =>
    count === 1
      ? 'Ontmantel de oorspronkelijke resource en trek de bijbehorende toegangsgegevens in.'
      : 'Ontmantel de oorspronkelijke resources en trek de bijbehorende toegangsgegevens in.',
  lifecycle: (f, retired, day, successor) =>
    `${retired ? `Uitgefaseerd op ${f.date(day)}` : `Wordt uitgefaseerd op ${f.date(day)}`}${successor ? `; de aanbieder verwijst naar ${successor}` : ''}. Een gedwongen migratie is het goedkoopste moment voor een exit: plan in plaats daarvan de overstap naar een open doelplatform.`,
  classWords: (f, count, portability, notes) =>
    `${f.n(count)} ${count === 1 ? 'resource' : 'resources'} in de klasse ${portability}${notes}`,
  otherCard: (rank, words) => `kaart ${rank} omvat de ${words}`,
  differs: (others, words) =>
    `Dezelfde dienst als ${others.length === 1 ? 'een andere kaart' : 'andere kaarten'}: deze kaart omvat de ${words}; ${others.join('; ')}.`,
  factWave: 'Uitvoeren in',
  wave: (f, waves) =>
    waves
      ? waves[0] === waves[1]
        ? `golf ${f.n(waves[0])}`
        : `golven ${f.n(waves[0])}–${f.n(waves[1])}`
      : 'geen golf (geen afhankelijkheidsgegevens)',
  factEffort: 'Inspanning',
  effort: (f, size, days, count) => `${size}: ${days} voor ${f.n(count)} resources`,
  effortUnknown: 'onbekend (de catalogus geeft geen inspanning)',
  factResources: 'Resources',
  resources: (f, count, portability, share) =>
    `${f.n(count)}, ${portability}, ${f.pct(share, 1)} van de lock-in van de gehele omgeving`,
  factCovers: 'Omvat',
  covers: (f, names, more) => `${names.join(', ')}${more > 0 ? ` en nog ${f.n(more)}` : ''}`,
  factApps: 'Applicaties',
  factOwners: 'Eigenaren',
  factSpeaks: 'Ondersteunt nu',
  factMoveTo: 'Overstappen naar',
  factEquivalents: 'Opensource-equivalenten',
  factEuropean: 'Europese aanbieders',
  factStateful: 'Gegevens met toestand',
  stateful: (f, gib, unknown) => `${gib}${unknown ? ` + ${f.n(unknown)} van onbekende omvang` : ''}`,
  statefulNone: 'geen',
  factUsedBy: 'Gebruikt door',
  usedBy: (f, count, examples) => `${f.n(count)} resources, waaronder ${examples.join(', ')}`,
  usedByNone: 'niets vastgelegd',
  factDiffers: 'Onderscheid',
  factLifecycle: 'Levenscyclus',
  factAssumed: 'Aangenomen',
  plansIntro: (shown) =>
    `In de volgorde van uitvoering: per exitgolf, dan naar aandeel in de lock-in (risico), dan naar inspanning. Elke kaart betreft één dienst en klasse; zij noemt de eerste ${shown} resources, de applicaties en eigenaren waartoe zij behoren (uit de tags app en owner) en de inspanning in persoonsdagen (zie de methodologie). De eigen teksten van de catalogus (stappen, doelen, toelichtingen) zijn in het Engels weergegeven, zoals de catalogus ze vermeldt.`,
  firstToMove: (f, service, provider, count, unblocks) =>
    `${service} bij ${provider} ×${f.n(count)} (maakt ${f.n(unblocks)} vrij)`,
  nothingWaits: (names) => `${names.join(', ')} (niets in een latere golf wacht op deze golf)`,
  minutes: (f, n) => `${f.n(n)} minuten`,
  hours: (hours) => `${new Intl.NumberFormat('nl-NL', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(hours)} uur`,
  daysOf: (days) => `${new Intl.NumberFormat('nl-NL', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(days)} dagen`,
  dataActSource:
    'Verordening (EU) 2023/2854 (Dataverordening), PB L 2023/2854 van 22.12.2023, artikelen 25, 29 en 34 (EUR-Lex CELEX 32023R2854; Bundesnetzagentur, „Data Act: providers”, geraadpleegd op 2 december 2026)',
  noticeStep: 'Opzegging: de klant verzoekt om overstap',
  noticePeriod: 'ten hoogste 2 maanden vóór de aanvang van het overstapproces',
  noticeRef: 'art. 25, lid 2, punt d)',
  transitionStep: 'Overgang: de aanbieder verleent bijstand en houdt de dienst in stand',
  transitionPeriod:
    'ten hoogste 30 kalenderdagen; de klant kan deze termijn eenmaal verlengen; toont de aanbieder aan dat 30 dagen technisch niet haalbaar zijn, dan een alternatieve termijn van ten hoogste 7 maanden',
  transitionRef: 'art. 25, lid 2, punt a), lid 4 en lid 5',
  retrievalStep: 'Ophalen van gegevens na de overgang',
  retrievalPeriod: 'ten minste 30 kalenderdagen',
  retrievalRef: 'art. 25, lid 2, punt g)',
  chargesStep: 'Overstapkosten (inclusief uitgaand dataverkeer voor de overstap)',
  chargesPeriod: (f, day) => `tot ${f.date(day)} alleen verlaagd, tegen kostprijs; vanaf die dag geen`,
  chargesRef: 'art. 29, leden 1 tot en met 3',
  parallelStep: 'Uitgaand dataverkeer bij gelijktijdig gebruik van beide aanbieders (parallel gebruik)',
  parallelPeriod: 'mag altijd tegen kostprijs in rekening worden gebracht: parallel gebruik is geen overstap',
  parallelRef: 'art. 34, lid 2',
}

const de: PlanMessages = {
  effortMeaning: (size: Effort) =>
    (
      ({
        S: 'umkonfigurieren: das Ziel spricht dieselbe API oder dasselbe Format',
        M: 'neu bereitstellen: gleiches Modell, andere Werkzeuge oder API',
        L: 'umbauen: Anwendungscode oder Datenmodell ändern sich',
        XL: 'neu aufbauen: kein Gegenstück, die Funktion wird neu geschaffen',
      }) as Sizes
    )[size],
  portability: (cls: string) =>
    (
      ({
        portable: 'portabel',
        compatible: 'kompatibel',
        proprietary: 'proprietär',
        captive: 'gebunden',
        unmapped: 'nicht zugeordnet',
      }) as Record<string, string>
    )[cls] ?? cls,
  days: (f, low, high) => (low === high ? `${f.n(low)} Personentage` : `${f.n(low)}–${f.n(high)} Personentage`),
  perResource: 'je Ressource',
  stepList: (f, s) =>
    s.count === 1
      ? `Erfassen Sie die Ressource des Dienstes ${s.what} und alles, was darauf zugreift.`
      : `Erfassen Sie die ${f.n(s.count)} Ressourcen des Dienstes ${s.what} und alles, was darauf zugreift.`,
  stepCopy: (s) =>
    `Kopieren Sie die Daten in ${s.target ? `einen Ersatz auf Basis von ${s.target}` : 'den gewählten Ersatz'}${s.offer ? `, zum Beispiel ${s.offer.service} bei ${s.offer.provider},` : ''} und halten Sie beide Kopien bis zur Umstellung synchron.`,
  stepSetUp: (s) =>
    `Richten Sie ${s.target ? `einen Ersatz auf Basis von ${s.target}` : 'den gewählten Ersatz'} ein${s.offer ? `, zum Beispiel ${s.offer.service} bei ${s.offer.provider}` : ''}.`,
  stepSwitch:
    'Stellen Sie Clients und abhängige Komponenten um, und betreiben Sie Alt und Neu parallel, bis die Ergebnisse übereinstimmen.',
  stepDecommission: (count) =>
    count === 1
      ? 'Nehmen Sie die ursprüngliche Ressource außer Betrieb, und widerrufen Sie ihre Zugangsdaten.'
      : 'Nehmen Sie die ursprünglichen Ressourcen außer Betrieb, und widerrufen Sie ihre Zugangsdaten.',
  lifecycle: (f, retired, day, successor) =>
    `${retired ? `Eingestellt am ${f.date(day)}` : `Wird am ${f.date(day)} eingestellt`}${successor ? `; der Anbieter verweist auf ${successor}` : ''}. Eine erzwungene Migration ist der günstigste Zeitpunkt für den Ausstieg: Planen Sie stattdessen den Wechsel auf eine offene Zielplattform.`,
  classWords: (f, count, portability, notes) =>
    `${f.n(count)} ${count === 1 ? 'Ressource' : 'Ressourcen'} der Klasse ${portability}${notes}`,
  otherCard: (rank, words) => `Karte ${rank} umfasst die ${words}`,
  differs: (others, words) =>
    `Derselbe Dienst wie ${others.length === 1 ? 'eine andere Karte' : 'andere Karten'}: Diese Karte umfasst die ${words}; ${others.join('; ')}.`,
  factWave: 'Umsetzen in',
  wave: (f, waves) =>
    waves
      ? waves[0] === waves[1]
        ? `Welle ${f.n(waves[0])}`
        : `Wellen ${f.n(waves[0])}–${f.n(waves[1])}`
      : 'keine Welle (keine Abhängigkeitsdaten)',
  factEffort: 'Aufwand',
  effort: (f, size, days, count) => `${size}: ${days} für ${f.n(count)} Ressourcen`,
  effortUnknown: 'unbekannt (der Katalog nennt keinen Aufwand)',
  factResources: 'Ressourcen',
  resources: (f, count, portability, share) => `${f.n(count)}, ${portability}, ${f.pct(share, 1)} des Lock-ins des Bestands`,
  factCovers: 'Umfasst',
  covers: (f, names, more) => `${names.join(', ')}${more > 0 ? ` und ${f.n(more)} weitere` : ''}`,
  factApps: 'Anwendungen',
  factOwners: 'Verantwortliche',
  factSpeaks: 'Unterstützt heute',
  factMoveTo: 'Wechsel zu',
  factEquivalents: 'Open-Source-Gegenstücke',
  factEuropean: 'Europäische Anbieter',
  factStateful: 'Zustandsbehaftete Daten',
  stateful: (f, gib, unknown) => `${gib}${unknown ? ` + ${f.n(unknown)} unbekannter Größe` : ''}`,
  statefulNone: 'keine',
  factUsedBy: 'Genutzt von',
  usedBy: (f, count, examples) => `${f.n(count)} Ressourcen, z. B. ${examples.join(', ')}`,
  usedByNone: 'nichts erfasst',
  factDiffers: 'Unterschied',
  factLifecycle: 'Lebenszyklus',
  factAssumed: 'Angenommen',
  plansIntro: (shown) =>
    `In der Reihenfolge der Umsetzung: nach Ausstiegswelle, dann nach Anteil am Lock-in (Risiko), dann nach Aufwand. Jede Karte betrifft einen Dienst und eine Klasse; sie nennt die ersten ${shown} Ressourcen, die Anwendungen und Verantwortlichen, denen sie zugeordnet sind (aus den Tags app und owner), und den Aufwand in Personentagen (siehe Methodik). Die eigenen Texte des Katalogs (Schritte, Ziele, Erläuterungen) erscheinen auf Englisch, wie der Katalog sie enthält.`,
  firstToMove: (f, service, provider, count, unblocks) =>
    `${service} bei ${provider} ×${f.n(count)} (gibt ${f.n(unblocks)} frei)`,
  nothingWaits: (names) => `${names.join(', ')} (keine spätere Welle wartet auf diese)`,
  minutes: (f, n) => `${f.n(n)} Minuten`,
  hours: (hours) =>
    `${new Intl.NumberFormat('de-DE', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(hours)} Stunden`,
  daysOf: (days) => `${new Intl.NumberFormat('de-DE', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(days)} Tage`,
  dataActSource:
    'Verordnung (EU) 2023/2854 (Datenverordnung), ABl. L 2023/2854 vom 22.12.2023, Artikel 25, 29 und 34 (EUR-Lex CELEX 32023R2854; Bundesnetzagentur, „Data Act: providers“, abgerufen am 2. Dezember 2026)',
  noticeStep: 'Kündigung: Der Kunde verlangt den Wechsel',
  noticePeriod: 'höchstens 2 Monate vor Beginn des Wechselprozesses',
  noticeRef: 'Art. 25 Abs. 2 Buchst. d',
  transitionStep: 'Übergang: Der Anbieter unterstützt und erhält den Dienst aufrecht',
  transitionPeriod:
    'höchstens 30 Kalendertage; der Kunde kann den Zeitraum einmal verlängern; weist der Anbieter nach, dass 30 Tage technisch nicht machbar sind, ein alternativer Zeitraum von höchstens 7 Monaten',
  transitionRef: 'Art. 25 Abs. 2 Buchst. a, Abs. 4 und 5',
  retrievalStep: 'Datenabruf nach dem Übergang',
  retrievalPeriod: 'mindestens 30 Kalendertage',
  retrievalRef: 'Art. 25 Abs. 2 Buchst. g',
  chargesStep: 'Wechselentgelte (einschließlich Datenübertragung für den Wechsel)',
  chargesPeriod: (f, day) => `bis ${f.date(day)} nur ermäßigt, zu Selbstkosten; ab diesem Tag keine`,
  chargesRef: 'Art. 29 Abs. 1 bis 3',
  parallelStep: 'Datenübertragung bei gleichzeitiger Nutzung beider Anbieter (parallele Nutzung)',
  parallelPeriod: 'darf jederzeit zu Selbstkosten berechnet werden: parallele Nutzung ist kein Wechsel',
  parallelRef: 'Art. 34 Abs. 2',
}

const fr: PlanMessages = {
  effortMeaning: (size: Effort) =>
    (
      ({
        S: 'reconfigurer\u00a0: la cible utilise la même API ou le même format',
        M: 'redéployer\u00a0: même modèle, autres outils ou autre API',
        L: 'réingénierie\u00a0: le code applicatif ou le modèle de données change',
        XL: 'reconstruire\u00a0: aucun équivalent, la fonction est recréée',
      }) as Sizes
    )[size],
  portability: (cls: string) =>
    (
      ({
        portable: 'portable',
        compatible: 'compatible',
        proprietary: 'propriétaire',
        captive: 'captif',
        unmapped: 'non classé',
      }) as Record<string, string>
    )[cls] ?? cls,
  days: (f, low, high) => (low === high ? `${f.n(low)} jours-personnes` : `${f.n(low)} à ${f.n(high)} jours-personnes`),
  perResource: 'par ressource',
  stepList: (f, s) =>
    s.count === 1
      ? `Recenser la ressource du service ${s.what} et tout ce qui l’utilise.`
      : `Recenser les ${f.n(s.count)} ressources du service ${s.what} et tout ce qui les utilise.`,
  stepCopy: (s) =>
    `Copier les données vers ${s.target ? `un service de remplacement fondé sur ${s.target}` : 'le service de remplacement retenu'}${s.offer ? `, par exemple ${s.offer.service} chez ${s.offer.provider},` : ''} et maintenir les deux copies synchronisées jusqu’à la bascule.`,
  stepSetUp: (s) =>
    `Mettre en place ${s.target ? `un service de remplacement fondé sur ${s.target}` : 'le service de remplacement retenu'}${s.offer ? `, par exemple ${s.offer.service} chez ${s.offer.provider}` : ''}.`,
  stepSwitch:
    'Basculer les clients et les composants dépendants, puis exploiter l’ancien et le nouveau en parallèle jusqu’à ce que les résultats concordent.',
  stepDecommission: (count) =>
    count === 1
      ? 'Mettre hors service la ressource d’origine et révoquer ses identifiants d’accès.'
      : 'Mettre hors service les ressources d’origine et révoquer leurs identifiants d’accès.',
  lifecycle: (f, retired, day, successor) =>
    `${retired ? `Retiré le ${f.date(day)}` : `Retrait prévu le ${f.date(day)}`}${successor ? `\u202f; le fournisseur renvoie vers ${successor}` : ''}. Une migration imposée est le moment le moins coûteux pour sortir\u00a0: planifier plutôt le passage vers une cible ouverte.`,
  classWords: (f, count, portability, notes) =>
    `${f.n(count)} ${count === 1 ? 'ressource de classe' : 'ressources de classe'} ${portability}${notes}`,
  otherCard: (rank, words) => `la fiche ${rank} couvre les ${words}`,
  differs: (others, words) =>
    `Même service que ${others.length === 1 ? 'une autre fiche' : 'd’autres fiches'}\u00a0: cette fiche couvre les ${words}\u202f; ${others.join('\u202f; ')}.`,
  factWave: 'À réaliser en',
  wave: (f, waves) =>
    waves
      ? waves[0] === waves[1]
        ? `vague ${f.n(waves[0])}`
        : `vagues ${f.n(waves[0])} à ${f.n(waves[1])}`
      : 'aucune vague (pas de données de dépendance)',
  factEffort: 'Effort',
  effort: (f, size, days, count) => `${size}\u00a0: ${days} pour ${f.n(count)} ressources`,
  effortUnknown: 'inconnu (le catalogue n’indique pas d’effort)',
  factResources: 'Ressources',
  resources: (f, count, portability, share) =>
    `${f.n(count)}, ${portability}, ${f.pct(share, 1)} de la dépendance de l’ensemble du parc`,
  factCovers: 'Couvre',
  covers: (f, names, more) => `${names.join(', ')}${more > 0 ? ` et ${f.n(more)} autres` : ''}`,
  factApps: 'Applications',
  factOwners: 'Responsables',
  factSpeaks: 'Interfaces actuelles',
  factMoveTo: 'Migrer vers',
  factEquivalents: 'Équivalents libres',
  factEuropean: 'Fournisseurs européens',
  factStateful: 'Données persistantes',
  stateful: (f, gib, unknown) => `${gib}${unknown ? ` + ${f.n(unknown)} de taille inconnue` : ''}`,
  statefulNone: 'aucune',
  factUsedBy: 'Utilisé par',
  usedBy: (f, count, examples) => `${f.n(count)} ressources, par exemple ${examples.join(', ')}`,
  usedByNone: 'rien d’enregistré',
  factDiffers: 'Différence',
  factLifecycle: 'Cycle de vie',
  factAssumed: 'Hypothèses',
  plansIntro: (shown) =>
    `Dans l’ordre d’exécution\u00a0: par vague de sortie, puis par part de la dépendance (risque), puis par effort. Chaque fiche porte sur un service et une classe\u00a0; elle cite ses ${shown} premières ressources, les applications et responsables auxquels elles se rattachent (d’après les étiquettes app et owner) et l’effort en jours-personnes (voir la méthodologie). Les textes propres au catalogue (étapes, cibles, remarques) figurent en anglais, tels que le catalogue les fournit.`,
  firstToMove: (f, service, provider, count, unblocks) =>
    `${service} chez ${provider} ×${f.n(count)} (débloque ${f.n(unblocks)})`,
  nothingWaits: (names) => `${names.join(', ')} (aucune vague ultérieure n’attend celle-ci)`,
  minutes: (f, n) => `${f.n(n)} minutes`,
  hours: (hours) =>
    `${new Intl.NumberFormat('fr-FR', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(hours)} heures`,
  daysOf: (days) => `${new Intl.NumberFormat('fr-FR', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(days)} jours`,
  dataActSource:
    'Règlement (UE) 2023/2854 (règlement sur les données), JO L 2023/2854 du 22.12.2023, articles 25, 29 et 34 (EUR-Lex CELEX 32023R2854\u202f; Bundesnetzagentur, «\u00a0Data Act: providers\u00a0», consulté le 2 décembre 2026)',
  noticeStep: 'Préavis\u00a0: le client demande le changement de fournisseur',
  noticePeriod: 'au maximum 2 mois avant le début du processus de changement',
  noticeRef: 'art. 25, paragraphe 2, point d)',
  transitionStep: 'Transition\u00a0: le fournisseur apporte son assistance et maintient le service',
  transitionPeriod:
    '30 jours civils au maximum\u202f; le client peut la prolonger une fois\u202f; si le fournisseur démontre que 30 jours sont techniquement irréalisables, une autre période de 7 mois au maximum',
  transitionRef: 'art. 25, paragraphe 2, point a), paragraphes 4 et 5',
  retrievalStep: 'Récupération des données après la transition',
  retrievalPeriod: 'au moins 30 jours civils',
  retrievalRef: 'art. 25, paragraphe 2, point g)',
  chargesStep: 'Frais de changement de fournisseur (y compris les frais de sortie de données liés au changement)',
  chargesPeriod: (f, day) => `seulement réduits, au prix coûtant, jusqu’au ${f.date(day)}\u202f; plus aucun à partir de ce jour`,
  chargesRef: 'art. 29, paragraphes 1 à 3',
  parallelStep: 'Sortie de données pendant l’utilisation des deux fournisseurs (utilisation en parallèle)',
  parallelPeriod:
    'peut toujours être facturée, au prix coûtant, à tout moment\u00a0: l’utilisation en parallèle n’est pas un changement de fournisseur',
  parallelRef: 'art. 34, paragraphe 2',
}

/** The exit plan's texts: cards, generated steps, waves and the Data Act timeline. */
export const planMessages = {en, nl, de, fr} satisfies Catalogue<PlanMessages>
