import type {Lang} from '../locale.js'
import type {Catalogue} from '../messages.js'

/**
 * DORA arrangements and their exit plans. Terms are those of the regulations' official language
 * versions on EUR-Lex: Regulation (EU) 2022/2554 (DORA), Implementing Regulation (EU) 2024/2956
 * (register of information), Delegated Regulation (EU) 2024/1773 (RTS on ICT services policy) and
 * Regulation (EU) 2023/2854 (Data Act).
 */
const en = {
  sectionTitle: 'DORA: ICT arrangements and their exit plans',
  nav: 'DORA arrangements and exit plans',
  intro:
    'Each ICT arrangement of the arrangements file, joined to the resources through its selectors (DORA Art. 28(3); Implementing Regulation (EU) 2024/2956). Substitutability and alternatives are the arrangements file’s where it gives them, otherwise proposed by exitready from the catalog and marked so.',
  plansIntro:
    'For each arrangement that supports a critical or important function (DORA Art. 28(8); RTS 2024/1773 Art. 10). Alternatives, waves and volumes come from the inventory and the catalog; the plan itself is yours.',
  plansTitle: 'Exit plan per arrangement',
  standaloneTitle: 'Exit plans per ICT arrangement',
  noCritical: 'No arrangement supports a critical or important function.',
  substitutability: (value: string): string =>
    ({'not-substitutable': 'not-substitutable', 'highly-complex': 'highly-complex', medium: 'medium', easy: 'easy'})[value] ??
    value,
  identified: (value: string): string => ({yes: 'yes', no: 'no', 'not-assessed': 'not-assessed'})[value] ?? value,
  proposedMark: ' (proposed)',
  unknown: 'unknown',
  proposedList: (providers: string) => `proposed: ${providers}`,
  noneNamed: 'none named',
  never: 'never',
  next: (day: string) => `; next ${day}`,
  overdueMark: ' (overdue)',
  criticalMark: ' (critical)',
  linked: 'linked',
  none: 'none',
  emptyService: (reference: string, index: number) => `${reference} (services[${index}])`,
  coverageLine: (covered: string, uncovered: string, empty: string, filtered: string | undefined) =>
    `${covered} resources covered, ${uncovered} that no arrangement covers; ${empty ? `arrangements covering nothing: ${empty}` : 'every arrangement covers resources'}${filtered ? ` (the assessment is filtered, ${filtered}: arrangements for the resources left out cover nothing here)` : ''}.`,
  fromFile: (file: string, entity: string, lei: string, line: string) => `From ${file} (${entity}, LEI ${lei}): ${line}`,
  uncoveredTitle: 'Resources no arrangement covers',
  uncoveredLead: (count: string) => `${count} resources, by provider, account and type; a selector on these would cover them.`,
  uncoveredLeadMd: (count: string) => `(${count}, by provider, account and type; a selector on these would cover them):`,
  moreGroups: (n: string) => `(and ${n} more groups in assessment.json)`,
  // One plan.
  supports: (functions: string, resources: string) => `Supports ${functions}; covers ${resources} resources.`,
  planLabel: 'Plan',
  noneLinked: 'none linked',
  ownerLabel: 'owner',
  notNamed: 'not named',
  scenariosTitle: 'Scenarios',
  alternativesTitle: 'Alternatives',
  noneCatalogued: 'none catalogued',
  noCatalogued: 'No catalogued service in scope.',
  moreServices: (n: string) => `(and ${n} more services in the JSON)`,
  transitionTitle: 'Transition (exit waves)',
  effortUnknown: 'unknown',
  noWaves: 'No exit waves: the dependency analysis found none of its resources.',
  timelineTitle: 'Timeline',
  notice: (source: string) => `Notice (${source})`,
  transition: 'Transition (Data Act)',
  retrieval: 'Data retrieval (Data Act)',
  total: 'Total',
  contractEnds: (day: string) => `Contract ends ${day}`,
  endsAfter: 'an exit started today would end after it',
  dataTitle: 'Data',
  data: (statefulGiB: string, unknown: string, hours: string, mbps: string) =>
    `${statefulGiB} GiB of stateful data (${unknown} stateful resources of unknown size, not counted): about ${hours} hours at ${mbps} Mbit/s.`,
  testsTitle: 'Tests',
  lastTest: 'Last exit test',
  nextDue: 'next due',
  now: 'now',
  overdue: 'overdue',
  // The plan's generated texts (stored in English in assessment.json, rendered in the report's language).
  noticeAssumed: 'Data Act maximum (assumed)',
  noticeContract: 'the contract',
  noteNoNotice: 'No notice period in the arrangement: the Data Act maximum of two months is assumed.',
  noteLongNotice: (days: string) =>
    `The contract's ${days}-day notice is longer than the Data Act's two months for data processing services (Art. 25); check whether the Data Act shortens it for this contract.`,
  noteTransition:
    "Transition: the Data Act's 30 days, which the provider may extend to seven months if 30 days are technically unfeasible; retrieval: at least 30 days after it.",
  noteSlowTransfer: (gib: string, mbps: string) =>
    `Moving ${gib} GiB takes longer than the 30-day transition at ${mbps} Mbit/s: plan an extended transition or more bandwidth.`,
  interruption: 'Unforeseen persistent interruption',
  interruptionTrigger: (name: string) => `${name} stops delivering for longer than the functions' recovery time objectives.`,
  interruptionResponse: 'Fail over to the alternatives below in wave order, from the latest backups; stateful services first.',
  failedDelivery: 'Failed delivery',
  failedDeliveryTrigger: (name: string) =>
    `${name} delivers below the agreed service levels or breaks contractual or regulatory duties.`,
  failedDeliveryResponse: 'Escalate under the contract, then give notice and run the transition plan below.',
  termination: 'Unexpected termination',
  terminationTrigger: (name: string) =>
    `${name} terminates the arrangement, or the competent authority requires its termination.`,
  terminationResponse: 'Use the notice and Data Act windows below to move in wave order and retrieve all data before erasure.',
  // Rules and terminal.
  selected: (n: string, arrangements: boolean) => `${n} ${arrangements ? 'arrangements' : 'resources'} selected`,
  terminalHead: (n: string, critical: string, line: string) =>
    `DORA arrangements (${n}, ${critical} supporting a critical or important function): ${line}`,
  terminalUncovered: (groups: string, rest: string | undefined) =>
    `Not covered: ${groups}${rest ? `, and ${rest} in smaller groups` : ''} (the report lists them by account and type).`,
  terminalPlan: (
    reference: string,
    provider: string,
    linked: boolean,
    tested: string,
    overdue: boolean,
    days: string,
    gib: string,
  ) =>
    `Exit plan ${reference} (${provider}): ${linked ? 'linked' : 'none linked'}, last tested ${tested}${overdue ? ' (overdue)' : ''}; ${days} days to leave, ${gib} GiB to move.`,
}

type DoraMessages = typeof en

const nl: DoraMessages = {
  sectionTitle: 'DORA: contractuele regelingen voor ICT-diensten en hun exitplannen',
  nav: 'DORA-regelingen en exitplannen',
  intro:
    'Elke contractuele regeling voor ICT-diensten uit het regelingenbestand, via haar selectors gekoppeld aan de resources (DORA, art. 28, lid 3; Uitvoeringsverordening (EU) 2024/2956). Vervangbaarheid en alternatieven zijn die van het regelingenbestand waar het deze vermeldt; anders zijn zij door exitready uit de catalogus voorgesteld en als zodanig gemarkeerd.',
  plansIntro:
    'Voor elke regeling die een kritieke of belangrijke functie ondersteunt (DORA, art. 28, lid 8; Gedelegeerde Verordening (EU) 2024/1773, art. 10). Alternatieven, golven en volumes komen uit de inventaris en de catalogus; het plan zelf blijft de verantwoordelijkheid van de entiteit.',
  plansTitle: 'Exitplan per regeling',
  standaloneTitle: 'Exitplannen per contractuele regeling voor ICT-diensten',
  noCritical: 'Geen enkele regeling ondersteunt een kritieke of belangrijke functie.',
  substitutability: (value) =>
    ({'not-substitutable': 'niet vervangbaar', 'highly-complex': 'zeer complex', medium: 'gemiddeld', easy: 'eenvoudig'})[
      value
    ] ?? value,
  identified: (value) => ({yes: 'ja', no: 'nee', 'not-assessed': 'niet beoordeeld'})[value] ?? value,
  proposedMark: ' (voorgesteld)',
  unknown: 'onbekend',
  proposedList: (providers) => `voorgesteld: ${providers}`,
  noneNamed: 'geen genoemd',
  never: 'nooit',
  next: (day) => `; volgende ${day}`,
  overdueMark: ' (achterstallig)',
  criticalMark: ' (kritiek)',
  linked: 'gekoppeld',
  none: 'geen',
  emptyService: (reference, index) => `${reference} (services[${index}])`,
  coverageLine: (covered, uncovered, empty, filtered) =>
    `${covered} resources gedekt, ${uncovered} die door geen enkele regeling worden gedekt; ${empty ? `regelingen die niets dekken: ${empty}` : 'elke regeling dekt resources'}${filtered ? ` (de beoordeling is gefilterd, ${filtered}: regelingen voor de weggelaten resources dekken hier niets)` : ''}.`,
  fromFile: (file, entity, lei, line) => `Uit ${file} (${entity}, LEI ${lei}): ${line}`,
  uncoveredTitle: 'Resources die door geen enkele regeling worden gedekt',
  uncoveredLead: (count) => `${count} resources, naar aanbieder, account en type; een selector hierop zou ze dekken.`,
  uncoveredLeadMd: (count) => `(${count}, naar aanbieder, account en type; een selector hierop zou ze dekken):`,
  moreGroups: (n) => `(en nog ${n} groepen in assessment.json)`,
  supports: (functions, resources) => `Ondersteunt ${functions}; dekt ${resources} resources.`,
  planLabel: 'Plan',
  noneLinked: 'niet gekoppeld',
  ownerLabel: 'eigenaar',
  notNamed: 'niet genoemd',
  scenariosTitle: 'Scenario’s',
  alternativesTitle: 'Alternatieven',
  noneCatalogued: 'geen in de catalogus',
  noCatalogued: 'Geen dienst uit de catalogus binnen de reikwijdte.',
  moreServices: (n) => `(en nog ${n} diensten in de JSON)`,
  transitionTitle: 'Overgang (exitgolven)',
  effortUnknown: 'onbekend',
  noWaves: 'Geen exitgolven: de afhankelijkheidsanalyse heeft geen van de resources van deze regeling aangetroffen.',
  timelineTitle: 'Tijdlijn',
  notice: (source) => `Opzegging (${source})`,
  transition: 'Overgang (Dataverordening)',
  retrieval: 'Ophalen van gegevens (Dataverordening)',
  total: 'Totaal',
  contractEnds: (day) => `Het contract eindigt op ${day}`,
  endsAfter: 'een vandaag gestarte exit zou daarna eindigen',
  dataTitle: 'Gegevens',
  data: (statefulGiB, unknown, hours, mbps) =>
    `${statefulGiB} GiB aan gegevens met toestand (${unknown} resources met toestand van onbekende omvang, niet meegeteld): ongeveer ${hours} uur bij ${mbps} Mbit/s.`,
  testsTitle: 'Tests',
  lastTest: 'Laatste exittest',
  nextDue: 'volgende uiterlijk',
  now: 'nu',
  overdue: 'achterstallig',
  noticeAssumed: 'maximum van de Dataverordening (aangenomen)',
  noticeContract: 'het contract',
  noteNoNotice: 'De regeling vermeldt geen opzegtermijn: het maximum van twee maanden uit de Dataverordening is aangenomen.',
  noteLongNotice: (days) =>
    `De opzegtermijn van ${days} dagen in het contract is langer dan de twee maanden die de Dataverordening voor dataverwerkingsdiensten stelt (art. 25); na te gaan is of de Dataverordening deze termijn voor dit contract verkort.`,
  noteTransition:
    'Overgang: de 30 dagen van de Dataverordening, die de aanbieder tot zeven maanden kan verlengen als 30 dagen technisch niet haalbaar zijn; ophalen van gegevens: ten minste 30 dagen daarna.',
  noteSlowTransfer: (gib, mbps) =>
    `Het verplaatsen van ${gib} GiB duurt bij ${mbps} Mbit/s langer dan de overgangsperiode van 30 dagen: een verlengde overgang of meer bandbreedte is nodig.`,
  interruption: 'Onvoorziene aanhoudende onderbreking',
  interruptionTrigger: (name) => `${name} levert langer niet dan de hersteltijddoelstellingen van de functies toelaten.`,
  interruptionResponse:
    'Uitwijken naar de onderstaande alternatieven in de volgorde van de golven, vanaf de meest recente back-ups; diensten met toestand eerst.',
  failedDelivery: 'Gebrekkige dienstverlening',
  failedDeliveryTrigger: (name) =>
    `${name} levert onder de overeengekomen dienstniveaus of schendt contractuele of wettelijke verplichtingen.`,
  failedDeliveryResponse: 'Escaleren volgens het contract, vervolgens opzeggen en het onderstaande overgangsplan uitvoeren.',
  termination: 'Onverwachte beëindiging',
  terminationTrigger: (name) => `${name} beëindigt de regeling, of de bevoegde autoriteit verlangt de beëindiging ervan.`,
  terminationResponse:
    'De onderstaande opzeg- en overstaptermijnen van de Dataverordening benutten om in de volgorde van de golven over te stappen en alle gegevens op te halen vóór het wissen.',
  selected: (n, arrangements) => `${n} ${arrangements ? 'regelingen' : 'resources'} geselecteerd`,
  terminalHead: (n, critical, line) =>
    `DORA-regelingen (${n}, waarvan ${critical} ter ondersteuning van een kritieke of belangrijke functie): ${line}`,
  terminalUncovered: (groups, rest) =>
    `Niet gedekt: ${groups}${rest ? `, en ${rest} in kleinere groepen` : ''} (het rapport vermeldt ze per account en type).`,
  terminalPlan: (reference, provider, linked, tested, overdue, days, gib) =>
    `Exitplan ${reference} (${provider}): ${linked ? 'gekoppeld' : 'niet gekoppeld'}, laatst getest ${tested}${overdue ? ' (achterstallig)' : ''}; ${days} dagen tot vertrek, ${gib} GiB te verplaatsen.`,
}

const de: DoraMessages = {
  sectionTitle: 'DORA: vertragliche Vereinbarungen über IKT-Dienstleistungen und ihre Ausstiegspläne',
  nav: 'DORA-Vereinbarungen und Ausstiegspläne',
  intro:
    'Jede vertragliche Vereinbarung über IKT-Dienstleistungen aus der Vereinbarungsdatei, über ihre Selektoren mit den Ressourcen verknüpft (DORA Art. 28 Abs. 3; Durchführungsverordnung (EU) 2024/2956). Substituierbarkeit und Alternativen stammen aus der Vereinbarungsdatei, soweit sie diese angibt; andernfalls schlägt exitready sie aus dem Katalog vor und kennzeichnet sie entsprechend.',
  plansIntro:
    'Für jede Vereinbarung, die eine kritische oder wichtige Funktion unterstützt (DORA Art. 28 Abs. 8; Delegierte Verordnung (EU) 2024/1773 Art. 10). Alternativen, Wellen und Volumen stammen aus dem Inventar und dem Katalog; der Plan selbst bleibt Sache des Unternehmens.',
  plansTitle: 'Ausstiegsplan je Vereinbarung',
  standaloneTitle: 'Ausstiegspläne je vertragliche Vereinbarung über IKT-Dienstleistungen',
  noCritical: 'Keine Vereinbarung unterstützt eine kritische oder wichtige Funktion.',
  substitutability: (value) =>
    ({'not-substitutable': 'nicht substituierbar', 'highly-complex': 'hochkomplex', medium: 'mittel', easy: 'einfach'})[value] ??
    value,
  identified: (value) => ({yes: 'ja', no: 'nein', 'not-assessed': 'nicht bewertet'})[value] ?? value,
  proposedMark: ' (vorgeschlagen)',
  unknown: 'unbekannt',
  proposedList: (providers) => `vorgeschlagen: ${providers}`,
  noneNamed: 'keine genannt',
  never: 'nie',
  next: (day) => `; nächster ${day}`,
  overdueMark: ' (überfällig)',
  criticalMark: ' (kritisch)',
  linked: 'verknüpft',
  none: 'keiner',
  emptyService: (reference, index) => `${reference} (services[${index}])`,
  coverageLine: (covered, uncovered, empty, filtered) =>
    `${covered} Ressourcen abgedeckt, ${uncovered}, die keine Vereinbarung abdeckt; ${empty ? `Vereinbarungen ohne abgedeckte Ressourcen: ${empty}` : 'jede Vereinbarung deckt Ressourcen ab'}${filtered ? ` (die Bewertung ist gefiltert, ${filtered}: Vereinbarungen für die ausgelassenen Ressourcen decken hier nichts ab)` : ''}.`,
  fromFile: (file, entity, lei, line) => `Aus ${file} (${entity}, LEI ${lei}): ${line}`,
  uncoveredTitle: 'Ressourcen, die keine Vereinbarung abdeckt',
  uncoveredLead: (count) => `${count} Ressourcen, nach Anbieter, Konto und Typ; ein Selektor darauf würde sie abdecken.`,
  uncoveredLeadMd: (count) => `(${count}, nach Anbieter, Konto und Typ; ein Selektor darauf würde sie abdecken):`,
  moreGroups: (n) => `(und ${n} weitere Gruppen in assessment.json)`,
  supports: (functions, resources) => `Unterstützt ${functions}; deckt ${resources} Ressourcen ab.`,
  planLabel: 'Plan',
  noneLinked: 'nicht verknüpft',
  ownerLabel: 'Verantwortlich',
  notNamed: 'nicht benannt',
  scenariosTitle: 'Szenarien',
  alternativesTitle: 'Alternativen',
  noneCatalogued: 'keine im Katalog',
  noCatalogued: 'Kein Dienst aus dem Katalog im Umfang.',
  moreServices: (n) => `(und ${n} weitere Dienste im JSON)`,
  transitionTitle: 'Übergang (Ausstiegswellen)',
  effortUnknown: 'unbekannt',
  noWaves: 'Keine Ausstiegswellen: Die Abhängigkeitsanalyse hat keine der Ressourcen dieser Vereinbarung gefunden.',
  timelineTitle: 'Zeitplan',
  notice: (source) => `Kündigung (${source})`,
  transition: 'Übergang (Datenverordnung)',
  retrieval: 'Datenabruf (Datenverordnung)',
  total: 'Gesamt',
  contractEnds: (day) => `Der Vertrag endet am ${day}`,
  endsAfter: 'ein heute begonnener Ausstieg würde danach enden',
  dataTitle: 'Daten',
  data: (statefulGiB, unknown, hours, mbps) =>
    `${statefulGiB} GiB zustandsbehaftete Daten (${unknown} zustandsbehaftete Ressourcen unbekannter Größe, nicht mitgezählt): etwa ${hours} Stunden bei ${mbps} Mbit/s.`,
  testsTitle: 'Tests',
  lastTest: 'Letzter Ausstiegstest',
  nextDue: 'nächster fällig',
  now: 'jetzt',
  overdue: 'überfällig',
  noticeAssumed: 'Höchstfrist der Datenverordnung (angenommen)',
  noticeContract: 'Vertrag',
  noteNoNotice:
    'Die Vereinbarung nennt keine Kündigungsfrist: Angenommen ist die Höchstfrist von zwei Monaten nach der Datenverordnung.',
  noteLongNotice: (days) =>
    `Die vertragliche Kündigungsfrist von ${days} Tagen ist länger als die zwei Monate, die die Datenverordnung für Datenverarbeitungsdienste vorsieht (Art. 25); zu prüfen ist, ob die Datenverordnung sie für diesen Vertrag verkürzt.`,
  noteTransition:
    'Übergang: die 30 Tage der Datenverordnung, die der Anbieter auf sieben Monate verlängern kann, wenn 30 Tage technisch nicht machbar sind; Datenabruf: mindestens 30 Tage danach.',
  noteSlowTransfer: (gib, mbps) =>
    `Die Übertragung von ${gib} GiB dauert bei ${mbps} Mbit/s länger als der Übergang von 30 Tagen: Ein verlängerter Übergang oder mehr Bandbreite ist einzuplanen.`,
  interruption: 'Unvorhergesehene anhaltende Unterbrechung',
  interruptionTrigger: (name) => `${name} liefert länger nicht, als es die Wiederherstellungszeitziele der Funktionen zulassen.`,
  interruptionResponse:
    'Umschalten auf die unten genannten Alternativen in der Reihenfolge der Wellen, aus den jüngsten Sicherungen; zustandsbehaftete Dienste zuerst.',
  failedDelivery: 'Mangelhafte Leistungserbringung',
  failedDeliveryTrigger: (name) =>
    `${name} unterschreitet die vereinbarten Service-Level oder verletzt vertragliche oder regulatorische Pflichten.`,
  failedDeliveryResponse: 'Eskalation nach dem Vertrag, dann Kündigung und Umsetzung des unten stehenden Übergangsplans.',
  termination: 'Unerwartete Beendigung',
  terminationTrigger: (name) => `${name} beendet die Vereinbarung, oder die zuständige Behörde verlangt ihre Beendigung.`,
  terminationResponse:
    'Die unten genannten Kündigungs- und Wechselfristen der Datenverordnung nutzen, um in der Reihenfolge der Wellen zu wechseln und alle Daten vor der Löschung abzurufen.',
  selected: (n, arrangements) => `${n} ${arrangements ? 'Vereinbarungen' : 'Ressourcen'} ausgewählt`,
  terminalHead: (n, critical, line) =>
    `DORA-Vereinbarungen (${n}, davon ${critical} zur Unterstützung einer kritischen oder wichtigen Funktion): ${line}`,
  terminalUncovered: (groups, rest) =>
    `Nicht abgedeckt: ${groups}${rest ? `, und ${rest} in kleineren Gruppen` : ''} (der Bericht führt sie nach Konto und Typ auf).`,
  terminalPlan: (reference, provider, linked, tested, overdue, days, gib) =>
    `Ausstiegsplan ${reference} (${provider}): ${linked ? 'verknüpft' : 'nicht verknüpft'}, zuletzt getestet ${tested}${overdue ? ' (überfällig)' : ''}; ${days} Tage bis zum Ausstieg, ${gib} GiB zu übertragen.`,
}

const fr: DoraMessages = {
  sectionTitle: 'DORA\u00a0: accords contractuels portant sur des services TIC et leurs plans de sortie',
  nav: 'Accords DORA et plans de sortie',
  intro:
    'Chaque accord contractuel portant sur des services TIC du fichier des accords, rattaché aux ressources par ses sélecteurs (DORA, art. 28, paragraphe 3\u202f; règlement d’exécution (UE) 2024/2956). La substituabilité et les solutions de remplacement sont celles du fichier des accords lorsqu’il les indique\u202f; à défaut, exitready les propose à partir du catalogue et les signale comme telles.',
  plansIntro:
    'Pour chaque accord qui soutient une fonction critique ou importante (DORA, art. 28, paragraphe 8\u202f; règlement délégué (UE) 2024/1773, art. 10). Les solutions de remplacement, les vagues et les volumes proviennent de l’inventaire et du catalogue\u202f; le plan lui-même relève de l’entité.',
  plansTitle: 'Plan de sortie par accord',
  standaloneTitle: 'Plans de sortie par accord contractuel portant sur des services TIC',
  noCritical: 'Aucun accord ne soutient de fonction critique ou importante.',
  substitutability: (value) =>
    ({
      'not-substitutable': 'non substituable',
      'highly-complex': 'très complexe',
      medium: 'moyenne',
      easy: 'facile',
    })[value] ?? value,
  identified: (value) => ({yes: 'oui', no: 'non', 'not-assessed': 'non évalué'})[value] ?? value,
  proposedMark: ' (proposé)',
  unknown: 'inconnue',
  proposedList: (providers) => `proposés\u00a0: ${providers}`,
  noneNamed: 'aucune désignée',
  never: 'jamais',
  next: (day) => `\u202f; prochain le ${day}`,
  overdueMark: ' (en retard)',
  criticalMark: ' (critique)',
  linked: 'lié',
  none: 'aucun',
  emptyService: (reference, index) => `${reference} (services[${index}])`,
  coverageLine: (covered, uncovered, empty, filtered) =>
    `${covered} ressources couvertes, ${uncovered} qu’aucun accord ne couvre\u202f; ${empty ? `accords ne couvrant rien\u00a0: ${empty}` : 'chaque accord couvre des ressources'}${filtered ? ` (l’évaluation est filtrée, ${filtered}\u00a0: les accords portant sur les ressources écartées ne couvrent rien ici)` : ''}.`,
  fromFile: (file, entity, lei, line) => `D’après ${file} (${entity}, LEI ${lei})\u00a0: ${line}`,
  uncoveredTitle: 'Ressources qu’aucun accord ne couvre',
  uncoveredLead: (count) =>
    `${count} ressources, par prestataire, compte et type\u202f; un sélecteur portant sur celles-ci les couvrirait.`,
  uncoveredLeadMd: (count) =>
    `(${count}, par prestataire, compte et type\u202f; un sélecteur portant sur celles-ci les couvrirait)\u00a0:`,
  moreGroups: (n) => `(et ${n} autres groupes dans assessment.json)`,
  supports: (functions, resources) => `Soutient ${functions}\u202f; couvre ${resources} ressources.`,
  planLabel: 'Plan',
  noneLinked: 'aucun lien',
  ownerLabel: 'responsable',
  notNamed: 'non désigné',
  scenariosTitle: 'Scénarios',
  alternativesTitle: 'Solutions de remplacement',
  noneCatalogued: 'aucune au catalogue',
  noCatalogued: 'Aucun service du catalogue dans le périmètre.',
  moreServices: (n) => `(et ${n} autres services dans le JSON)`,
  transitionTitle: 'Transition (vagues de sortie)',
  effortUnknown: 'inconnu',
  noWaves: 'Aucune vague de sortie\u00a0: l’analyse des dépendances n’a trouvé aucune des ressources de cet accord.',
  timelineTitle: 'Calendrier',
  notice: (source) => `Préavis (${source})`,
  transition: 'Transition (règlement sur les données)',
  retrieval: 'Récupération des données (règlement sur les données)',
  total: 'Total',
  contractEnds: (day) => `Le contrat prend fin le ${day}`,
  endsAfter: 'une sortie engagée aujourd’hui s’achèverait après cette date',
  dataTitle: 'Données',
  data: (statefulGiB, unknown, hours, mbps) =>
    `${statefulGiB} GiB de données persistantes (${unknown} ressources persistantes de taille inconnue, non comptées)\u00a0: environ ${hours} heures à ${mbps} Mbit/s.`,
  testsTitle: 'Tests',
  lastTest: 'Dernier test de sortie',
  nextDue: 'prochain au plus tard',
  now: 'dès maintenant',
  overdue: 'en retard',
  noticeAssumed: 'maximum du règlement sur les données (hypothèse)',
  noticeContract: 'le contrat',
  noteNoNotice:
    'L’accord n’indique aucun délai de préavis\u00a0: le maximum de deux mois prévu par le règlement sur les données est retenu par hypothèse.',
  noteLongNotice: (days) =>
    `Le préavis contractuel de ${days} jours dépasse les deux mois que le règlement sur les données prévoit pour les services de traitement de données (art. 25)\u202f; il convient de vérifier si le règlement sur les données le raccourcit pour ce contrat.`,
  noteTransition:
    'Transition\u00a0: les 30 jours du règlement sur les données, que le fournisseur peut porter à sept mois si 30 jours sont techniquement irréalisables\u202f; récupération des données\u00a0: au moins 30 jours après.',
  noteSlowTransfer: (gib, mbps) =>
    `Le transfert de ${gib} GiB dure plus longtemps que la transition de 30 jours à ${mbps} Mbit/s\u00a0: prévoir une transition prolongée ou davantage de bande passante.`,
  interruption: 'Interruption persistante imprévue',
  interruptionTrigger: (name) =>
    `${name} cesse de fournir le service au-delà des objectifs de délai de rétablissement des fonctions.`,
  interruptionResponse:
    'Basculer vers les solutions de remplacement ci-dessous dans l’ordre des vagues, à partir des dernières sauvegardes\u202f; les services persistants d’abord.',
  failedDelivery: 'Défaillance dans la fourniture',
  failedDeliveryTrigger: (name) =>
    `${name} fournit le service en deçà des niveaux convenus ou manque à des obligations contractuelles ou réglementaires.`,
  failedDeliveryResponse:
    'Recourir à l’escalade prévue au contrat, puis notifier le préavis et exécuter le plan de transition ci-dessous.',
  termination: 'Résiliation inattendue',
  terminationTrigger: (name) => `${name} résilie l’accord, ou l’autorité compétente en exige la résiliation.`,
  terminationResponse:
    'Utiliser les délais de préavis et du règlement sur les données ci-dessous pour migrer dans l’ordre des vagues et récupérer toutes les données avant leur effacement.',
  selected: (n, arrangements) => `${n} ${arrangements ? 'accords sélectionnés' : 'ressources sélectionnées'}`,
  terminalHead: (n, critical, line) =>
    `Accords DORA (${n}, dont ${critical} soutenant une fonction critique ou importante)\u00a0: ${line}`,
  terminalUncovered: (groups, rest) =>
    `Non couvertes\u00a0: ${groups}${rest ? `, et ${rest} dans des groupes plus petits` : ''} (le rapport les détaille par compte et par type).`,
  terminalPlan: (reference, provider, linked, tested, overdue, days, gib) =>
    `Plan de sortie ${reference} (${provider})\u00a0: ${linked ? 'lié' : 'aucun lien'}, dernier test ${tested}${overdue ? ' (en retard)' : ''}\u202f; ${days} jours pour sortir, ${gib} GiB à transférer.`,
}

/** DORA's arrangements section, the per-arrangement exit plans and their generated texts. */
export const doraMessages = {en, nl, de, fr} satisfies Catalogue<DoraMessages>

/** The column heads of the DORA tables, per language (arrays, so outside the message catalogue). */
export const doraTableHeads = {
  en: {
    coverageHead: [
      'Arrangement',
      'Provider',
      'Functions',
      'Resources',
      'Substitutability',
      'Alternatives',
      'Exit plan',
      'Last test; next',
    ],
    uncoveredHead: ['Provider', 'Account', 'Type', 'Resources'],
    scenariosHead: ['Scenario', 'Trigger', 'Response'],
    alternativesHead: ['Service', 'Resources', 'Effort', 'European alternatives', 'Equivalents'],
    transitionHead: ['Wave', 'Resources', 'Stateful GiB', 'Effort'],
    timelineHead: ['Step', 'Days'],
  },
  nl: {
    coverageHead: [
      'Regeling',
      'Aanbieder',
      'Functies',
      'Resources',
      'Vervangbaarheid',
      'Alternatieven',
      'Exitplan',
      'Laatste test; volgende',
    ],
    uncoveredHead: ['Aanbieder', 'Account', 'Type', 'Resources'],
    scenariosHead: ['Scenario', 'Aanleiding', 'Maatregel'],
    alternativesHead: ['Dienst', 'Resources', 'Inspanning', 'Europese alternatieven', 'Equivalenten'],
    transitionHead: ['Golf', 'Resources', 'GiB met toestand', 'Inspanning'],
    timelineHead: ['Stap', 'Dagen'],
  },
  de: {
    coverageHead: [
      'Vereinbarung',
      'Anbieter',
      'Funktionen',
      'Ressourcen',
      'Substituierbarkeit',
      'Alternativen',
      'Ausstiegsplan',
      'Letzter Test; nächster',
    ],
    uncoveredHead: ['Anbieter', 'Konto', 'Typ', 'Ressourcen'],
    scenariosHead: ['Szenario', 'Auslöser', 'Reaktion'],
    alternativesHead: ['Dienst', 'Ressourcen', 'Aufwand', 'Europäische Alternativen', 'Gegenstücke'],
    transitionHead: ['Welle', 'Ressourcen', 'Zustandsbehaftete GiB', 'Aufwand'],
    timelineHead: ['Schritt', 'Tage'],
  },
  fr: {
    coverageHead: [
      'Accord',
      'Prestataire',
      'Fonctions',
      'Ressources',
      'Substituabilité',
      'Solutions de remplacement',
      'Plan de sortie',
      'Dernier test\u202f; prochain',
    ],
    uncoveredHead: ['Prestataire', 'Compte', 'Type', 'Ressources'],
    scenariosHead: ['Scénario', 'Déclencheur', 'Réponse'],
    alternativesHead: ['Service', 'Ressources', 'Effort', 'Solutions européennes', 'Équivalents'],
    transitionHead: ['Vague', 'Ressources', 'GiB persistants', 'Effort'],
    timelineHead: ['Étape', 'Jours'],
  },
} satisfies Record<
  Lang,
  Record<'coverageHead' | 'uncoveredHead' | 'scenariosHead' | 'alternativesHead' | 'transitionHead' | 'timelineHead', string[]>
>
