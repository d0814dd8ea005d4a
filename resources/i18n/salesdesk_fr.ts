<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AmountField</name>
    <message>
        <source>An amount is required here.</source>
        <translation>Un montant est requis ici.</translation>
    </message>
</context>
<context>
    <name>ApprovalsDialog</name>
    <message>
        <source>Approvals waiting</source>
        <translation>Accords en attente</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Affaire</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Accepter</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>Concessions over a rep&apos;s authority waiting for a decision: {n}</source>
        <translation>Concessions au-delà de la délégation d&apos;un commercial en attente de décision : {n}</translation>
    </message>
</context>
<context>
    <name>BatnaForm</name>
    <message>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <source>What happens without an agreement</source>
        <translation>Ce qui se passe sans accord</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>term measured</source>
        <translation>terme mesuré</translation>
    </message>
    <message>
        <source>Measured on</source>
        <translation>Mesurée sur</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>option</source>
        <translation>option</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>What the alternative is worth on the same 0–100 scale as a package: typed, or left empty to take its package&apos;s score</source>
        <translation>Ce que vaut la solution de rechange, sur la même échelle de 0 à 100 qu&apos;un paquet : saisie, ou laissée vide pour prendre le score de son paquet</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>package</source>
        <translation>paquet</translation>
    </message>
    <message>
        <source>Valued on one term only, the BATNA has no score on the package scale: type one, or fill its package below.</source>
        <translation>Évaluée sur un seul terme, la MESORE n&apos;a pas de score sur l&apos;échelle des paquets : saisissez-en un, ou remplissez son paquet ci-dessous.</translation>
    </message>
    <message>
        <source>The typed score counts; its package scores {score}.</source>
        <translation>Le score saisi compte ; son paquet obtient {score}.</translation>
    </message>
    <message>
        <source>Its score is its package&apos;s: {score}.</source>
        <translation>Son score est celui de son paquet : {score}.</translation>
    </message>
    <message>
        <source>Or give the alternative as a package, a value per term:</source>
        <translation>Ou décrivez la solution de rechange comme un paquet, une valeur par terme :</translation>
    </message>
    <message>
        <source>Still without a value: {terms}.</source>
        <translation>Encore sans valeur : {terms}.</translation>
    </message>
    <message>
        <source>term</source>
        <translation>terme</translation>
    </message>
    <message>
        <source>needed: 0–100</source>
        <translation>requis : 0–100</translation>
    </message>
    <message>
        <source>{score} (from its package)</source>
        <translation>{score} (d&apos;après son paquet)</translation>
    </message>
    <message>
        <source>(no term)</source>
        <translation>(aucun terme)</translation>
    </message>
    <message>
        <source>A score lies between 0 and 100.</source>
        <translation>Un score est compris entre 0 et 100.</translation>
    </message>
    <message>
        <source>Edit {what} of {batna}</source>
        <translation>Modifier {what} de {batna}</translation>
    </message>
</context>
<context>
    <name>BriefTab</name>
    <message>
        <source>Meeting:</source>
        <translation>Rendez-vous :</translation>
    </message>
    <message>
        <source>Meeting the brief is for</source>
        <translation>Rendez-vous concerné par la fiche</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>Full (for us and the manager)</source>
        <translation>Complète (pour nous et le manager)</translation>
    </message>
    <message>
        <source>Customer copy</source>
        <translation>Copie client</translation>
    </message>
    <message>
        <source>Brief variant</source>
        <translation>Version de la fiche</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papier :</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>Lettre US</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Format du papier</translation>
    </message>
    <message>
        <source>Password for exported files (optional)</source>
        <translation>Mot de passe des fichiers exportés (facultatif)</translation>
    </message>
    <message>
        <source>Password for exported files</source>
        <translation>Mot de passe des fichiers exportés</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Customer copy: the deal&apos;s title and account, you and your company, the meeting&apos;s date, time, title and agenda, your note for the customer, the names of those attending and our current proposal. Nothing internal.</source>
        <translation>Copie client : le titre de l&apos;affaire et le compte, vous et votre société, la date, l&apos;heure, le titre et l&apos;ordre du jour du rendez-vous, votre note pour le client, les noms des participants et notre proposition actuelle. Rien d&apos;interne.</translation>
    </message>
    <message>
        <source>Brief preview</source>
        <translation>Aperçu de la fiche</translation>
    </message>
    <message>
        <source>The next meeting</source>
        <translation>Le prochain rendez-vous</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), built in {ms} ms</source>
        <translation>
            <numerusform>%n page, construite en {ms} ms</numerusform>
            <numerusform>%n pages, construites en {ms} ms</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} customer copy</source>
        <translation>Copie client {title}</translation>
    </message>
    <message>
        <source>{title} brief</source>
        <translation>Fiche {title}</translation>
    </message>
    <message>
        <source>no font on this machine prints: {chars}</source>
        <translation>aucune police de cette machine n&apos;imprime : {chars}</translation>
    </message>
    <message>
        <source>Export the brief</source>
        <translation>Exporter la fiche</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Brief not written</source>
        <translation>Fiche non écrite</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Exportée dans {file}</translation>
    </message>
    <message>
        <source>Print the brief</source>
        <translation>Imprimer la fiche</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Non imprimé</translation>
    </message>
    <message>
        <source>The printer is not ready.</source>
        <translation>L&apos;imprimante n&apos;est pas prête.</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>How to prepare</source>
        <translation>Comment préparer</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>Modifiée par quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>“{title}” was saved by someone else while you were editing it. Their other changes and yours are both kept; for these fields, choose which value stays. Nothing is saved until you choose.</source>
        <translation>« {title} » a été enregistrée par quelqu&apos;un d&apos;autre pendant que vous la modifiiez. Ses autres changements et les vôtres sont tous gardés ; pour ces champs, choisissez la valeur qui reste. Rien n&apos;est enregistré avant votre choix.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>La sienne</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>La mienne</translation>
    </message>
    <message>
        <source>Save my choice</source>
        <translation>Enregistrer mon choix</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>account</source>
        <translation>compte</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>devise</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>phase</translation>
    </message>
    <message>
        <source>close date</source>
        <translation>date de clôture</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilité</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>last contact</source>
        <translation>dernier contact</translation>
    </message>
    <message>
        <source>lost reason</source>
        <translation>motif de perte</translation>
    </message>
    <message>
        <source>competitor</source>
        <translation>concurrent</translation>
    </message>
    <message>
        <source>our BATNA</source>
        <translation>notre MESORE</translation>
    </message>
    <message>
        <source>their BATNA</source>
        <translation>leur MESORE</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unité</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>sens</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <source>their weight</source>
        <translation>leur poids</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>nature</translation>
    </message>
    <message>
        <source>options</source>
        <translation>options</translation>
    </message>
    <message>
        <source>score points</source>
        <translation>points de score</translation>
    </message>
    <message>
        <source>their score points</source>
        <translation>leurs points de score</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>point de départ</translation>
    </message>
    <message>
        <source>target</source>
        <translation>arrivée idéale</translation>
    </message>
    <message>
        <source>walk-away</source>
        <translation>point de rupture</translation>
    </message>
    <message>
        <source>their opening</source>
        <translation>leur point de départ</translation>
    </message>
    <message>
        <source>their target</source>
        <translation>leur arrivée idéale</translation>
    </message>
    <message>
        <source>their walk-away</source>
        <translation>leur point de rupture</translation>
    </message>
    <message>
        <source>market low</source>
        <translation>marché bas</translation>
    </message>
    <message>
        <source>market typical</source>
        <translation>marché typique</translation>
    </message>
    <message>
        <source>market high</source>
        <translation>marché haut</translation>
    </message>
    <message>
        <source>values</source>
        <translation>valeurs</translation>
    </message>
    <message>
        <source>what is given</source>
        <translation>ce qui est donné</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>coût</translation>
    </message>
    <message>
        <source>counterpart</source>
        <translation>contrepartie</translation>
    </message>
    <message>
        <source>round</source>
        <translation>tour</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>résumé</translation>
    </message>
    <message>
        <source>objectives</source>
        <translation>objectifs</translation>
    </message>
    <message>
        <source>agenda</source>
        <translation>ordre du jour</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>résultat</translation>
    </message>
    <message>
        <source>next steps</source>
        <translation>prochaines étapes</translation>
    </message>
    <message>
        <source>attendees</source>
        <translation>participants</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <source>stance</source>
        <translation>attitude</translation>
    </message>
    <message>
        <source>kept or removed</source>
        <translation>gardée ou supprimée</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Concession</source>
        <translation>Concession</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation>Échange</translation>
    </message>
    <message>
        <source>{row} “{name}”: {field}</source>
        <translation>{row} « {name} » : {field}</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>gardée</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
</context>
<context>
    <name>CounterpartTab</name>
    <message>
        <source>What their offers tell</source>
        <translation>Ce que disent leurs offres</translation>
    </message>
    <message>
        <source>Their offers, read term by term</source>
        <translation>Leurs offres, lues terme par terme</translation>
    </message>
    <message>
        <source>&amp;Adopt for this term</source>
        <translation>&amp;Adopter pour ce terme</translation>
    </message>
    <message>
        <source>Adopt for &amp;every term</source>
        <translation>Adopter pour &amp;tous les termes</translation>
    </message>
    <message>
        <source>Take the weight read (and the likely walk-away, where one is read) as our estimate of theirs on the Worksheet</source>
        <translation>Prendre le poids lu (et le point de rupture probable, s&apos;il est lu) comme notre estimation de leur côté dans la Fiche</translation>
    </message>
    <message>
        <source>A term they hold firm on matters more to them; where their concessions shrink round after round, they lead to their likely walk-away. Nothing changes on the Worksheet until you adopt it.</source>
        <translation>Un terme sur lequel ils tiennent ferme compte davantage pour eux ; là où leurs concessions diminuent de tour en tour, elles mènent à leur point de rupture probable. Rien ne change dans la Fiche tant que vous ne l&apos;adoptez pas.</translation>
    </message>
    <message>
        <source>Estimates their offers contradict</source>
        <translation>Estimations que leurs offres contredisent</translation>
    </message>
    <message numerus="yes">
        <source>Read from %n offer(s) of theirs.</source>
        <translation>
            <numerusform>Lu dans %n offre de leur part.</numerusform>
            <numerusform>Lu dans %n offres de leur part.</numerusform>
        </translation>
    </message>
    <message>
        <source>Two offers of theirs that move on a term are needed to read what they value: record their offers round by round (the debrief does).</source>
        <translation>Il faut deux offres de leur part qui bougent sur un terme pour lire ce qui compte pour eux : enregistrez leurs offres tour par tour (le débrief le fait).</translation>
    </message>
    <message>
        <source>Adopt their offers&apos; reading of {term}</source>
        <translation>Adopter la lecture de leurs offres pour {term}</translation>
    </message>
    <message>
        <source>Adopt their offers&apos; reading of every term</source>
        <translation>Adopter la lecture de leurs offres pour tous les termes</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>SalesDesk hit a bug</source>
        <translation>SalesDesk a rencontré un bogue</translation>
    </message>
    <message>
        <source>Something went wrong inside SalesDesk. Your saved work is safe in the database.
Please copy the details below and send them to us.</source>
        <translation>Un problème est survenu dans SalesDesk. Votre travail enregistré est en sécurité dans la base.
Copiez les détails ci-dessous et envoyez-les-nous.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Détails de l&apos;erreur</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>DanceView</name>
    <message>
        <source>The negotiation dance appears once both sides&apos; scores can be told: weights and positions for us, and our estimates for them.</source>
        <translation>La danse de la négociation apparaît dès que les scores des deux camps sont connus : poids et positions pour nous, et nos estimations pour eux.</translation>
    </message>
    <message>
        <source>Negotiation dance</source>
        <translation>Danse de la négociation</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>SalesDesk</source>
        <translation>SalesDesk</translation>
    </message>
    <message>
        <source>Restore the backup of {date}</source>
        <translation>Restaurer la sauvegarde du {date}</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>Choisir un autre fichier…</translation>
    </message>
    <message>
        <source>Open or create a SalesDesk database</source>
        <translation>Ouvrir ou créer une base SalesDesk</translation>
    </message>
    <message>
        <source>SalesDesk databases (*.db);;All files (*)</source>
        <translation>Bases SalesDesk (*.db);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Type a date like {example} or {iso}, or pick it from the calendar.</source>
        <translation>Tapez une date comme {example} ou {iso}, ou choisissez-la dans le calendrier.</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>Choisir la date dans un calendrier</translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation>Ouvrir le calendrier</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Pas de date</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Effacer la date</translation>
    </message>
    <message>
        <source>A date is required here.</source>
        <translation>Une date est requise ici.</translation>
    </message>
</context>
<context>
    <name>DealEditor</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Synthèse</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>&amp;Personnes</translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation>&amp;Rendez-vous</translation>
    </message>
    <message>
        <source>&amp;Worksheet</source>
        <translation>&amp;Feuille de préparation</translation>
    </message>
    <message>
        <source>O&amp;ffers</source>
        <translation>O&amp;ffres</translation>
    </message>
    <message>
        <source>Their s&amp;ide</source>
        <translation>L&apos;autre part&amp;ie</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>&amp;Concessions</translation>
    </message>
    <message>
        <source>Re&amp;hearsal</source>
        <translation>Répé&amp;tition</translation>
    </message>
    <message>
        <source>&amp;Brief</source>
        <translation>Fic&amp;he</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>Enregistrer comme modèle</translation>
    </message>
    <message>
        <source>Template name:</source>
        <translation>Nom du modèle :</translation>
    </message>
    <message>
        <source>The template could not be written: {reason}</source>
        <translation>Le modèle n&apos;a pas pu être écrit : {reason}</translation>
    </message>
    <message>
        <source>Template “{name}” saved</source>
        <translation>Modèle « {name} » enregistré</translation>
    </message>
</context>
<context>
    <name>DealListModel</name>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>Prochain contact</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>A sample deal to try the app on: delete it once you no longer need it.</source>
        <translation>Une affaire d’exemple pour essayer l’application : supprimez-la quand vous n’en avez plus besoin.</translation>
    </message>
    <message>
        <source>Contact overdue</source>
        <translation>Contact en retard</translation>
    </message>
</context>
<context>
    <name>DealListPanel</name>
    <message>
        <source>Search title or account (Ctrl+F)</source>
        <translation>Chercher un intitulé ou un compte (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search deals</source>
        <translation>Chercher des affaires</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Toute étape</translation>
    </message>
    <message>
        <source>Filter by stage</source>
        <translation>Filtrer par étape</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>Toute phase</translation>
    </message>
    <message>
        <source>Phase {n}</source>
        <translation>Phase {n}</translation>
    </message>
    <message>
        <source>Filter by phase</source>
        <translation>Filtrer par phase</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Tous les responsables</translation>
    </message>
    <message>
        <source>Filter by owner</source>
        <translation>Filtrer par responsable</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>Affaires</translation>
    </message>
</context>
<context>
    <name>DebriefDialog</name>
    <message>
        <source>meeting</source>
        <translation>rendez-vous</translation>
    </message>
    <message>
        <source>Debrief: {title}, {date}</source>
        <translation>Débrief : {title}, {date}</translation>
    </message>
    <message>
        <source>Their counter-offer (round {n})</source>
        <translation>Leur contre-offre (tour {n})</translation>
    </message>
    <message>
        <source>Their last</source>
        <translation>Leur dernière</translation>
    </message>
    <message>
        <source>Their offer now</source>
        <translation>Leur offre maintenant</translation>
    </message>
    <message>
        <source>Our trades on the table: their answer</source>
        <translation>Nos échanges sur la table : leur réponse</translation>
    </message>
    <message>
        <source>{what} — in return: {counterpart}</source>
        <translation>{what} — en échange : {counterpart}</translation>
    </message>
    <message>
        <source>No trade of ours awaits their answer.</source>
        <translation>Aucun échange de notre part n&apos;attend leur réponse.</translation>
    </message>
    <message>
        <source>What we obtained</source>
        <translation>Ce que nous avons obtenu</translation>
    </message>
    <message>
        <source>e.g. a firm volume of 400,000 cartons</source>
        <translation>p. ex. un volume ferme de 400 000 cartons</translation>
    </message>
    <message>
        <source>&amp;Obtained</source>
        <translation>&amp;Obtenu</translation>
    </message>
    <message>
        <source>Its value to us</source>
        <translation>Sa valeur pour nous</translation>
    </message>
    <message>
        <source>Its &amp;value to us</source>
        <translation>Sa &amp;valeur pour nous</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>O&amp;utcome</source>
        <translation>Rés&amp;ultat</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Prochaines étapes</translation>
    </message>
    <message>
        <source>Next ste&amp;ps</source>
        <translation>Prochaines é&amp;tapes</translation>
    </message>
    <message>
        <source>The deal</source>
        <translation>L&apos;affaire</translation>
    </message>
    <message>
        <source>goes on</source>
        <translation>continue</translation>
    </message>
    <message>
        <source>is won</source>
        <translation>est gagnée</translation>
    </message>
    <message>
        <source>is lost</source>
        <translation>est perdue</translation>
    </message>
    <message>
        <source>The &amp;deal</source>
        <translation>L&apos;&amp;affaire</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Motif de perte</translation>
    </message>
    <message>
        <source>&amp;Lost because</source>
        <translation>&amp;Perdue parce que</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Concurrent</translation>
    </message>
    <message>
        <source>&amp;Competitor</source>
        <translation>&amp;Concurrent</translation>
    </message>
    <message>
        <source>Next meeting (round {n})</source>
        <translation>Prochain rendez-vous (tour {n})</translation>
    </message>
    <message>
        <source>Next meeting&apos;s date</source>
        <translation>Date du prochain rendez-vous</translation>
    </message>
    <message>
        <source>D&amp;ate</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Ob&amp;jectives</source>
        <translation>Ob&amp;jectifs</translation>
    </message>
    <message>
        <source>Draft again from the plan</source>
        <translation>Rédiger à nouveau d&apos;après le plan</translation>
    </message>
    <message>
        <source>The next offer and the trade it implies, from their offer as typed above</source>
        <translation>La prochaine offre et l&apos;échange qu&apos;elle suppose, d&apos;après leur offre saisie ci-dessus</translation>
    </message>
    <message>
        <source>Correct the fields marked in red first.</source>
        <translation>Corrigez d&apos;abord les champs signalés en rouge.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Not written</source>
        <translation>Non écrit</translation>
    </message>
    <message>
        <source>Import a CRM export</source>
        <translation>Importer un export de CRM</translation>
    </message>
    <message>
        <source>CRM exports (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>Exports de CRM (*.csv *.txt *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Imported: {c} created, {u} updated, {n} unchanged</source>
        <translation>Importé : {c} créées, {u} mises à jour, {n} inchangées</translation>
    </message>
    <message>
        <source>, {s} empty rows skipped</source>
        <translation>, {s} lignes vides ignorées</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>affaire</translation>
    </message>
    <message>
        <source>Export deal</source>
        <translation>Exporter l&apos;affaire</translation>
    </message>
    <message>
        <source>SalesDesk deal packages (*.json)</source>
        <translation>Paquets d&apos;affaire SalesDesk (*.json)</translation>
    </message>
    <message>
        <source>Deal exported to {file}</source>
        <translation>Affaire exportée dans {file}</translation>
    </message>
    <message>
        <source>Import deal</source>
        <translation>Importer une affaire</translation>
    </message>
    <message>
        <source>SalesDesk deal packages (*.json);;All files (*)</source>
        <translation>Paquets d&apos;affaire SalesDesk (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>“{title}” is already here. Replace it with the package (Yes) or keep both (No)?</source>
        <translation>« {title} » est déjà là. La remplacer par le paquet (Oui) ou garder les deux (Non) ?</translation>
    </message>
    <message>
        <source>“{title}” changed here since this package was exported from this database (version {theirs} here, {mine} in the package). Replace it anyway?</source>
        <translation>« {title} » a changé ici depuis l&apos;export de ce paquet depuis cette base (version {theirs} ici, {mine} dans le paquet). La remplacer quand même ?</translation>
    </message>
    <message>
        <source>Deal imported from {file}</source>
        <translation>Affaire importée depuis {file}</translation>
    </message>
    <message>
        <source>Export the deal list</source>
        <translation>Exporter la liste des affaires</translation>
    </message>
    <message>
        <source>deals.csv</source>
        <translation>affaires.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Deals exported to {file}: {n}</source>
        <translation>Affaires exportées dans {file} : {n}</translation>
    </message>
    <message>
        <source>Export meetings to a calendar</source>
        <translation>Exporter les rendez-vous vers un agenda</translation>
    </message>
    <message>
        <source>meetings.ics</source>
        <translation>rendez-vous.ics</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Fichiers iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Meetings exported to {file}: {n}</source>
        <translation>Rendez-vous exportés dans {file} : {n}</translation>
    </message>
    <message>
        <source>SalesDesk databases (*.db)</source>
        <translation>Bases SalesDesk (*.db)</translation>
    </message>
    <message>
        <source>PostgreSQL backups (*.dump)</source>
        <translation>Sauvegardes PostgreSQL (*.dump)</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Sauvegarder la base</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <source>Backed up to {file}</source>
        <translation>Sauvegardée dans {file}</translation>
    </message>
    <message>
        <source>SalesDesk databases (*.db);;All files (*)</source>
        <translation>Bases SalesDesk (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>PostgreSQL backups (*.dump);;All files (*)</source>
        <translation>Sauvegardes PostgreSQL (*.dump);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Replace the current deals with the backup {file}? The current database is kept aside, not deleted.</source>
        <translation>Remplacer les affaires actuelles par la sauvegarde {file} ? La base actuelle est mise de côté, pas supprimée.</translation>
    </message>
    <message>
        <source>Replace the whole team&apos;s deals on the server with the backup {file}? The current content is dumped aside first.</source>
        <translation>Remplacer les affaires de toute l&apos;équipe sur le serveur par la sauvegarde {file} ? Le contenu actuel est d&apos;abord sauvegardé à part.</translation>
    </message>
    <message>
        <source>Backup restored; the previous database was kept at {path}</source>
        <translation>Sauvegarde restaurée ; la base précédente est conservée dans {path}</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>{suffix} file</source>
        <translation>Fichier {suffix}</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>Regarder &amp;dans :</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nom du fichier :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichier :</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>{file} n&apos;a pas pu être écrit : {reason}</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>The method in short</source>
        <translation>La méthode en bref</translation>
    </message>
    <message>
        <source>Preparing a negotiation with SalesDesk</source>
        <translation>Préparer une négociation avec SalesDesk</translation>
    </message>
    <message>
        <source>1. The relationship path: eight stages</source>
        <translation>1. Le parcours de la relation : huit étapes</translation>
    </message>
    <message>
        <source>Every deal sits at one stage of the relationship, in this order. The Overview tab shows the stage and what to do there.</source>
        <translation>Chaque affaire se trouve à une étape de la relation, dans cet ordre. L’onglet Synthèse montre l’étape et ce qu’il y a à faire.</translation>
    </message>
    <message>
        <source>2. Five maturity phases and the contact cadence</source>
        <translation>2. Cinq phases de maturation et le rythme des contacts</translation>
    </message>
    <message>
        <source>Place the prospect&apos;s project on its maturity phase. The more mature the project, the more often you must be in touch: a deal whose next contact is past is overdue, and shows on Today.</source>
        <translation>Situez le projet du prospect sur sa phase de maturation. Plus le projet est mûr, plus les contacts doivent être fréquents : une affaire dont le prochain contact est dépassé est en retard et apparaît dans Aujourd’hui.</translation>
    </message>
    <message numerus="yes">
        <source>a contact every %n day(s)</source>
        <translation>
            <numerusform>un contact chaque jour</numerusform>
            <numerusform>un contact tous les %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>3. Opening, target, walk-away and the BATNA (MESORE)</source>
        <translation>3. Point de départ, arrivée idéale, point de rupture et MESORE</translation>
    </message>
    <message>
        <source>For every term negotiated (price, volume, payment terms…), write on the Worksheet where you open, where you aim to land (target) and the point past which you walk away, and estimate the same for the other side. Where both walk-aways overlap lies the ZOPA, the zone where an agreement is possible.</source>
        <translation>Pour chaque point négocié (prix, volume, délai de paiement…), notez dans la feuille de préparation votre point de départ, votre arrivée idéale et le point de rupture au-delà duquel vous renoncez, et estimez-les pour l’autre partie. Là où les deux points de rupture se recouvrent se trouve la ZAP, la zone où un accord est possible.</translation>
    </message>
    <message>
        <source>The BATNA (in French MESORE) is what you will do without an agreement. Never accept less than it: a walk-away worse than your BATNA is flagged, and so is an offer scoring below it.</source>
        <translation>La MESORE (meilleure solution de rechange) est ce que vous ferez sans accord. N’acceptez jamais moins : un point de rupture moins bon que votre MESORE est signalé, de même qu’une offre dont le score lui est inférieur.</translation>
    </message>
    <message>
        <source>4. Trade every concession “on condition that”</source>
        <translation>4. Échanger chaque concession « à condition que »</translation>
    </message>
    <message>
        <source>Never give, always trade: “we give X on condition that you give Y”. The Ledger records each concession with its counterpart, its cost to us and its value to them; one given without a counterpart is flagged. The Brief turns the plan into “If you…, then we…” for the meeting.</source>
        <translation>Ne jamais donner, toujours échanger : « nous accordons X à condition que vous accordiez Y ». L’onglet Concessions enregistre chaque concession avec sa contrepartie, son coût pour nous et sa valeur pour eux ; une concession sans contrepartie est signalée. La fiche traduit le plan en « Si vous…, alors nous… » pour le rendez-vous.</translation>
    </message>
    <message>
        <source>5. What each term is worth: options and shaped scores</source>
        <translation>5. Ce que vaut chaque terme : options et scores façonnés</translation>
    </message>
    <message>
        <source>Every value of a term is worth a score from 0 to 100, to you and, as you estimate it, to them; the weights say which terms matter most (two decimals allowed), and a package&apos;s score is the weighted average.</source>
        <translation>Chaque valeur d&apos;un terme vaut un score de 0 à 100, pour vous et, selon votre estimation, pour eux ; les poids disent quels termes comptent le plus (deux décimales permises), et le score d&apos;un paquet en est la moyenne pondérée.</translation>
    </message>
    <message>
        <source>A term is a number (a price, days) or a choice among options (payment on delivery, at 30 days, at 60 days). For options, choose “options” as the term&apos;s kind and list them under “Scores of the term”, each with what it is worth to you and to them; positions and offers then pick one.</source>
        <translation>Un terme est un nombre (un prix, des jours) ou un choix entre des options (paiement à la livraison, à 30 jours, à 60 jours). Pour des options, choisissez « options » comme type du terme et listez-les sous « Scores du terme », chacune avec ce qu&apos;elle vaut pour vous et pour eux ; positions et offres en choisissent alors une.</translation>
    </message>
    <message>
        <source>A number scores in a straight line by default: 100 at your opening, 0 at your walk-away. When a preference rises and falls (delivery best at 45 days, worse sooner and worse later), give score points: a value and what it is worth. Between two points the score runs straight, beyond them it stays flat; the range chart draws the curve.</source>
        <translation>Par défaut, un nombre se note en ligne droite : 100 à votre ouverture, 0 à votre point de rupture. Quand une préférence monte puis descend (livraison idéale à 45 jours, moins bonne avant et moins bonne après), donnez des points de score : une valeur et ce qu&apos;elle vaut. Entre deux points, le score suit une droite ; au-delà, il reste plat ; le graphique des plages trace la courbe.</translation>
    </message>
    <message>
        <source>6. The BATNA&apos;s score</source>
        <translation>6. Le score de la MESORE</translation>
    </message>
    <message>
        <source>Your BATNA is worth a score on the same scale as a package: type it, or fill its package (a value per term) and it is computed. A value on one term (“another buyer pays 1.12”) describes the alternative and checks your walk-away on that term, but it is no package score: when that is all there is, the Worksheet asks for a score. An offer scoring below your BATNA is flagged, and so is one scoring below their BATNA for them: they would rather walk away.</source>
        <translation>Votre MESORE vaut un score sur la même échelle qu&apos;un paquet : saisissez-le, ou remplissez son paquet (une valeur par terme) et il est calculé. Une valeur sur un terme (« un autre acheteur paie 1,12 ») décrit la solution de rechange et contrôle votre point de rupture sur ce terme, mais ce n&apos;est pas un score de paquet : quand il n&apos;y a que cela, la fiche demande un score. Une offre sous votre MESORE est signalée, et de même une offre sous leur MESORE pour eux : ils préféreraient partir.</translation>
    </message>
    <message>
        <source>7. The frontier, the deal zone and the Nash package</source>
        <translation>7. La frontière, la zone d&apos;accord et le paquet de Nash</translation>
    </message>
    <message>
        <source>The efficient frontier holds the packages no other package beats: none is at least as good for both sides and better for one. An offer below it leaves something on the table, and the Offers tab says how much (“a package exists that is as good for us and 14.20 points better for them”): find that package, and trade what it gives them.</source>
        <translation>La frontière efficiente réunit les paquets qu&apos;aucun autre ne bat : aucun n&apos;est au moins aussi bon pour les deux camps et meilleur pour l&apos;un. Une offre en dessous laisse quelque chose sur la table, et l&apos;onglet Offres dit combien (« il existe un paquet aussi bon pour nous et meilleur de 14,20 points pour eux ») : trouvez ce paquet, et échangez ce qu&apos;il leur donne.</translation>
    </message>
    <message>
        <source>The deal zone holds the packages both sides prefer to their BATNAs. When there is none, the app says so: improve your alternative, test your estimate of theirs, or find something else to trade. Within the zone, the Nash package shares the gains over both BATNAs best (it makes the product of both gains the largest): a fair point to steer to.</source>
        <translation>La zone d&apos;accord réunit les paquets que les deux camps préfèrent à leur MESORE. Quand il n&apos;y en a pas, l&apos;application le dit : améliorez votre solution de rechange, vérifiez votre estimation de la leur, ou trouvez autre chose à échanger. Dans la zone, le paquet de Nash partage au mieux les gains au-delà des deux MESORE (il rend le produit des deux gains le plus grand) : un point juste vers lequel aller.</translation>
    </message>
    <message>
        <source>The negotiation dance on the Offers tab draws your score against theirs: the frontier, both BATNAs, every offer round by round (yours filled, theirs hollow) and the Nash package. Equivalent packages (MESO) come from the frontier: worth the same to you, as good as possible for them.</source>
        <translation>La danse de la négociation, dans l&apos;onglet Offres, trace votre score face au leur : la frontière, les deux MESORE, chaque offre tour après tour (les vôtres pleines, les leurs creuses) et le paquet de Nash. Les offres équivalentes (MESO) viennent de la frontière : de même valeur pour vous, aussi bonnes que possible pour eux.</translation>
    </message>
    <message>
        <source>Debrief the meeting the same day (Meetings tab, “Debrief…”, or Today the day after): type their counter-offer, say which of your trades they took or refused and what you got, and date the next meeting. One save records it all, and Ctrl+Z takes it back.</source>
        <translation>Débriefez le rendez-vous le jour même (onglet Rendez-vous, « Débrief… », ou Aujourd&apos;hui le lendemain) : saisissez leur contre-offre, dites quels échanges ils ont acceptés ou refusés et ce que vous avez obtenu, et datez le prochain rendez-vous. Un seul enregistrement note tout, et Ctrl+Z l&apos;annule.</translation>
    </message>
    <message>
        <source>Read their side (tab “Their side”): from two offers of theirs, SalesDesk shows which terms they hold firm on — those matter most to them — and, when their concessions keep shrinking, where they are heading: their likely walk-away. Your own estimates stay until you adopt the reading.</source>
        <translation>Lisez l&apos;autre partie (onglet « L&apos;autre partie ») : dès deux offres de leur part, SalesDesk montre les termes sur lesquels ils tiennent ferme — ceux qui comptent le plus pour eux — et, quand leurs concessions ne cessent de diminuer, où ils vont : leur point de rupture probable. Vos propres estimations restent tant que vous n&apos;adoptez pas la lecture.</translation>
    </message>
    <message>
        <source>Prepare your next offer (Offers tab, “Propose next offer”): a smaller concession than your last one, never past a walk-away of yours nor below your BATNA, and as good for them as that allows — with the trade to ask in return. Change it as you like before you record it; the brief puts it on page one.</source>
        <translation>Préparez votre prochaine offre (onglet Offres, « Proposer la prochaine offre ») : une concession plus petite que la précédente, jamais au-delà de l&apos;un de vos points de rupture ni sous votre MESORE, et aussi bonne pour eux que cela le permet — avec l&apos;échange à demander en retour. Modifiez-la à votre guise avant de l&apos;enregistrer ; le dossier la met en première page.</translation>
    </message>
    <message>
        <source>Rehearse (tab “Rehearsal”): play the next rounds against a counterpart that holds then gives in late, gives in early, or answers like for like. Nothing of it is recorded as an offer; keep it as a note if it taught you something.</source>
        <translation>Répétez (onglet « Répétition ») : jouez les prochains tours contre une partie adverse qui tient puis cède tard, cède tôt, ou répond du tac au tac. Rien n&apos;est enregistré comme une offre ; gardez-en une note si elle vous a appris quelque chose.</translation>
    </message>
    <message>
        <source>When the deal is won or lost, the brief ends with a review for your manager: what was agreed against your target, what was left on the table, what you gave and got, and why it was lost.</source>
        <translation>Quand l&apos;affaire est gagnée ou perdue, le dossier se termine par un bilan pour votre manager : ce qui a été conclu face à votre objectif, ce qui est resté sur la table, ce que vous avez cédé et obtenu, et pourquoi elle a été perdue.</translation>
    </message>
    <message>
        <source>8. After the meeting: close the loop</source>
        <translation>8. Après le rendez-vous : boucler la boucle</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from a CRM — {file}</source>
        <translation>Import depuis un CRM — {file}</translation>
    </message>
    <message>
        <source>Map the columns myself</source>
        <translation>Associer les colonnes moi-même</translation>
    </message>
    <message>
        <source>Which column holds what</source>
        <translation>Quelle colonne contient quoi</translation>
    </message>
    <message>
        <source>decided from the file</source>
        <translation>déduit du fichier</translation>
    </message>
    <message>
        <source>day first (27/11/2026)</source>
        <translation>jour d&apos;abord (27/11/2026)</translation>
    </message>
    <message>
        <source>month first (11/27/2026)</source>
        <translation>mois d&apos;abord (11/27/2026)</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>decimal comma (1.500,00)</source>
        <translation>virgule décimale (1.500,00)</translation>
    </message>
    <message>
        <source>decimal point (1,500.00)</source>
        <translation>point décimal (1,500.00)</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>Montants</translation>
    </message>
    <message>
        <source>Currency when the file states none</source>
        <translation>Devise quand le fichier n’en indique pas</translation>
    </message>
    <message>
        <source>Problems in the file</source>
        <translation>Problèmes dans le fichier</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>This file cannot be imported yet: {reason}</source>
        <translation>Ce fichier ne peut pas encore être importé : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{source} export, %n row(s).</source>
        <translation>
            <numerusform>Export {source}, %n ligne.</numerusform>
            <numerusform>Export {source}, %n lignes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Columns mapped by hand, %n row(s).</source>
        <translation>
            <numerusform>Colonnes associées à la main, %n ligne.</numerusform>
            <numerusform>Colonnes associées à la main, %n lignes.</numerusform>
        </translation>
    </message>
    <message>
        <source>{c} deals will be created, {u} updated, {n} left as they are. What you prepared in SalesDesk (worksheet, ledger, people) is never overwritten.</source>
        <translation>{c} affaires seront créées, {u} mises à jour, {n} laissées telles quelles. Ce que vous avez préparé dans SalesDesk (feuille, concessions, personnes) n&apos;est jamais écrasé.</translation>
    </message>
    <message>
        <source>{s} empty rows are skipped.</source>
        <translation>{s} lignes vides sont ignorées.</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <source>Our concession…</source>
        <translation>Notre concession…</translation>
    </message>
    <message>
        <source>Trade a concession for something in return</source>
        <translation>Échanger une concession contre une contrepartie</translation>
    </message>
    <message>
        <source>Their concession…</source>
        <translation>Leur concession…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Given (cost to us)</source>
        <translation>Donné (coût pour nous)</translation>
    </message>
    <message>
        <source>Received (value to us)</source>
        <translation>Reçu (valeur pour nous)</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Offered, not yet answered (cost to us)</source>
        <translation>Proposé, sans réponse encore (coût pour nous)</translation>
    </message>
    <message>
        <source>Give-and-get ledger</source>
        <translation>Registre des concessions et contreparties</translation>
    </message>
    <message>
        <source>Watch out</source>
        <translation>Points de vigilance</translation>
    </message>
    <message>
        <source>Ledger warnings</source>
        <translation>Alertes du registre</translation>
    </message>
    <message>
        <source>The chart appears once an accepted entry has a round.</source>
        <translation>Le graphique apparaît dès qu&apos;une concession acceptée a un tour.</translation>
    </message>
    <message>
        <source>Given and received per round</source>
        <translation>Donné et reçu par tour</translation>
    </message>
    <message>
        <source>Given (accepted): {amount} cost to us</source>
        <translation>Donné (accepté) : {amount} de coût pour nous</translation>
    </message>
    <message>
        <source>Received (accepted): {amount} value to us</source>
        <translation>Reçu (accepté) : {amount} de valeur pour nous</translation>
    </message>
    <message>
        <source>Balance: {amount}</source>
        <translation>Solde : {amount}</translation>
    </message>
    <message>
        <source>Value received minus cost given, over the accepted entries: the “Value to us” column minus the “Cost to us” column of the accepted rows.</source>
        <translation>Valeur reçue moins coût donné, sur les concessions acceptées : la colonne « Valeur pour nous » moins la colonne « Coût pour nous » des lignes acceptées.</translation>
    </message>
    <message>
        <source>Offered, awaiting an answer: {amount} cost to us</source>
        <translation>Proposé, en attente de réponse : {amount} de coût pour nous</translation>
    </message>
    <message>
        <source>Every concession is traded.</source>
        <translation>Chaque concession a sa contrepartie.</translation>
    </message>
    <message>
        <source>Add concession “{what}”</source>
        <translation>Ajouter la concession « {what} »</translation>
    </message>
    <message>
        <source>Edit concession “{what}”</source>
        <translation>Modifier la concession « {what} »</translation>
    </message>
    <message>
        <source>Remove concession “{what}”</source>
        <translation>Retirer la concession « {what} »</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the database…</source>
        <translation>Ouverture de la base…</translation>
    </message>
    <message>
        <source>New deal created</source>
        <translation>Nouvelle affaire créée</translation>
    </message>
    <message>
        <source>Meeting pack written to {file}</source>
        <translation>Dossier de rendez-vous écrit dans {file}</translation>
    </message>
    <message>
        <source>New deal from template</source>
        <translation>Nouvelle affaire depuis un modèle</translation>
    </message>
    <message>
        <source>There is no template yet. Open a deal&apos;s Worksheet tab and choose “Save as template…”.</source>
        <translation>Il n&apos;y a pas encore de modèle. Ouvrez l&apos;onglet Feuille de préparation d&apos;une affaire et choisissez « Enregistrer comme modèle… ».</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>New deal created from “{name}”</source>
        <translation>Nouvelle affaire créée depuis « {name} »</translation>
    </message>
    <message>
        <source>Deal duplicated</source>
        <translation>Affaire dupliquée</translation>
    </message>
    <message>
        <source>Delete deal</source>
        <translation>Supprimer l&apos;affaire</translation>
    </message>
    <message>
        <source>Delete “{title}” ({account}) with its worksheet, ledger, meetings and history? This cannot be undone.</source>
        <translation>Supprimer « {title} » ({account}) avec sa feuille de préparation, ses concessions, ses rendez-vous et son historique ? Cette action est définitive.</translation>
    </message>
    <message>
        <source>Deal deleted</source>
        <translation>Affaire supprimée</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln deal(s)</source>
        <translation>
            <numerusform>Plus de %Ln affaire</numerusform>
            <numerusform>Plus de %Ln affaires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deal(s)</source>
        <translation>
            <numerusform>%Ln affaire</numerusform>
            <numerusform>%Ln affaires</numerusform>
        </translation>
    </message>
    <message>
        <source>Team members are a team server&apos;s: this database is your own file.</source>
        <translation>Les membres de l&apos;équipe sont ceux d&apos;un serveur d&apos;équipe : cette base est votre propre fichier.</translation>
    </message>
    <message>
        <source>The team&apos;s members and the reps&apos; authority limits</source>
        <translation>Les membres de l&apos;équipe et les limites d&apos;autorité des commerciaux</translation>
    </message>
    <message>
        <source>Only a manager of the team sets the reps&apos; authority limits.</source>
        <translation>Seul un manager de l&apos;équipe fixe les limites d&apos;autorité des commerciaux.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Your briefs will say “Prepared by {who}”.</source>
        <translation>Vos fiches indiqueront « Préparé par {who} ».</translation>
    </message>
    <message>
        <source>Set by a manager of the team</source>
        <translation>Fixé par un manager de l&apos;équipe</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Settings saved; the language changes at the next start</source>
        <translation>Réglages enregistrés ; la langue change au prochain démarrage</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Réglages enregistrés</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>Accords en attente</translation>
    </message>
    <message>
        <source>Approvals are a manager&apos;s: ask a manager of the team.</source>
        <translation>Les accords reviennent à un manager : demandez à un manager de l&apos;équipe.</translation>
    </message>
    <message>
        <source>About SalesDesk</source>
        <translation>À propos de SalesDesk</translation>
    </message>
    <message>
        <source>SalesDesk {version}
Prepare B2B negotiations offline.</source>
        <translation>SalesDesk {version}
Préparez vos négociations B2B hors ligne.</translation>
    </message>
    <message>
        <source>The last changes could not be saved. Quit anyway?</source>
        <translation>Les dernières modifications n&apos;ont pas pu être enregistrées. Quitter quand même ?</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>Meetings and rounds</source>
        <translation>Rendez-vous et tours</translation>
    </message>
    <message>
        <source>De&amp;brief…</source>
        <translation>Dé&amp;brief…</translation>
    </message>
    <message>
        <source>After the meeting: their counter-offer, their answer to our trades, the outcome and the next meeting, saved at once</source>
        <translation>Après le rendez-vous : leur contre-offre, leur réponse à nos échanges, le résultat et le prochain rendez-vous, enregistrés d&apos;un coup</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>Date du rendez-vous</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>Meeting time</source>
        <translation>Heure du rendez-vous</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Meeting length in minutes</source>
        <translation>Durée du rendez-vous en minutes</translation>
    </message>
    <message>
        <source>How long the meeting lasts (calendars: an hour if empty)</source>
        <translation>Durée du rendez-vous (une heure dans les agendas si vide)</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>D&amp;urée</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Tour</translation>
    </message>
    <message>
        <source>Meeting title</source>
        <translation>Objet du rendez-vous</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Intitulé</translation>
    </message>
    <message>
        <source>Meeting location</source>
        <translation>Lieu du rendez-vous</translation>
    </message>
    <message>
        <source>Address, room or video link</source>
        <translation>Adresse, salle ou lien de visioconférence</translation>
    </message>
    <message>
        <source>L&amp;ocation</source>
        <translation>&amp;Lieu</translation>
    </message>
    <message>
        <source>Shown on the customer copy of the brief, the only text of yours it prints</source>
        <translation>Imprimée sur la copie client du dossier, seul texte de votre main qu&apos;elle contient</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ordre du jour</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Prochaines étapes</translation>
    </message>
    <message>
        <source>Note for the customer</source>
        <translation>Note pour le client</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Add meeting</source>
        <translation>Ajouter le rendez-vous</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Échanges</translation>
    </message>
    <message>
        <source>Interaction date</source>
        <translation>Date de l&apos;échange</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Log interaction</source>
        <translation>Noter l&apos;échange</translation>
    </message>
    <message>
        <source>Write the time as HH:MM, like 09:30.</source>
        <translation>Écrivez l&apos;heure sous la forme HH:MM, par exemple 09:30.</translation>
    </message>
    <message>
        <source>Edit meeting</source>
        <translation>Modifier le rendez-vous</translation>
    </message>
    <message>
        <source>Remove meeting</source>
        <translation>Retirer le rendez-vous</translation>
    </message>
    <message>
        <source>Debrief of the meeting of {date}</source>
        <translation>Débrief du rendez-vous du {date}</translation>
    </message>
    <message>
        <source>An interaction that has happened cannot be in the future; plan a meeting instead.</source>
        <translation>Un échange qui a eu lieu ne peut pas être dans le futur ; planifiez plutôt un rendez-vous.</translation>
    </message>
    <message>
        <source>Remove interaction</source>
        <translation>Retirer l&apos;échange</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Rep or manager</source>
        <translation>Commercial ou manager</translation>
    </message>
    <message>
        <source>Discount limit (%)</source>
        <translation>Limite de remise (%)</translation>
    </message>
    <message>
        <source>Amount limit</source>
        <translation>Limite de montant</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Aucune limite</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Who introduced whom</source>
        <translation>Qui a présenté qui</translation>
    </message>
    <message>
        <source>{a} introduced {b}</source>
        <translation>{a} a présenté {b}</translation>
    </message>
    <message>
        <source>Add people to see who introduced whom.</source>
        <translation>Ajoutez des personnes pour voir qui a présenté qui.</translation>
    </message>
</context>
<context>
    <name>NextOfferDialog</name>
    <message>
        <source>Our next offer (round {n})</source>
        <translation>Notre prochaine offre (tour {n})</translation>
    </message>
    <message>
        <source>A smaller concession than the last one, within our walk-aways and never below our BATNA, on the frontier: as good for them as that score allows. Change any value before recording it.</source>
        <translation>Une concession plus petite que la précédente, dans nos points de rupture et jamais sous notre MESORE, sur la frontière : aussi bonne pour eux que ce score le permet. Modifiez toute valeur avant de l&apos;enregistrer.</translation>
    </message>
    <message>
        <source>Our latest</source>
        <translation>Notre dernière</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Proposer</translation>
    </message>
    <message>
        <source>Scores of the offer</source>
        <translation>Scores de l&apos;offre</translation>
    </message>
    <message>
        <source>The trade it implies</source>
        <translation>L&apos;échange qu&apos;elle suppose</translation>
    </message>
    <message>
        <source>Write the trade into the ledger (planned)</source>
        <translation>Inscrire l&apos;échange au registre (prévu)</translation>
    </message>
    <message>
        <source>&amp;Record as our offer</source>
        <translation>&amp;Enregistrer comme notre offre</translation>
    </message>
    <message>
        <source>Give every term a value to score the offer.</source>
        <translation>Donnez une valeur à chaque terme pour noter l&apos;offre.</translation>
    </message>
    <message>
        <source>Scores {score} for us and {their} for them (est.); our latest offer scored {latest}.</source>
        <translation>Vaut {score} pour nous et {their} pour eux (est.) ; notre dernière offre valait {latest}.</translation>
    </message>
</context>
<context>
    <name>OffersTab</name>
    <message>
        <source>Add our offer</source>
        <translation>Ajouter notre offre</translation>
    </message>
    <message>
        <source>Add their offer</source>
        <translation>Ajouter leur offre</translation>
    </message>
    <message>
        <source>Remove offer</source>
        <translation>Retirer l&apos;offre</translation>
    </message>
    <message>
        <source>Propose &amp;next offer…</source>
        <translation>Proposer la &amp;prochaine offre…</translation>
    </message>
    <message>
        <source>A smaller concession than the last one, within our walk-aways, as good for them as that allows: edit it, then record it</source>
        <translation>Une concession plus petite que la précédente, dans nos points de rupture, aussi bonne pour eux que cela le permet : modifiez-la, puis enregistrez-la</translation>
    </message>
    <message>
        <source>Offers per round</source>
        <translation>Offres par tour</translation>
    </message>
    <message>
        <source>Deal zone</source>
        <translation>Zone d&apos;accord</translation>
    </message>
    <message>
        <source>Left on the table</source>
        <translation>Laissé sur la table</translation>
    </message>
    <message>
        <source>Negotiation dance</source>
        <translation>Danse de la négociation</translation>
    </message>
    <message>
        <source>Scores to compare with</source>
        <translation>Scores de comparaison</translation>
    </message>
    <message>
        <source>Pace of concessions</source>
        <translation>Rythme des concessions</translation>
    </message>
    <message>
        <source>The concession curves appear once offers can be scored.</source>
        <translation>Les courbes de concession apparaissent dès que des offres peuvent être notées.</translation>
    </message>
    <message>
        <source>Concession curves</source>
        <translation>Courbes de concession</translation>
    </message>
    <message>
        <source>Equivalent packages (MESO)</source>
        <translation>Offres équivalentes (MESO)</translation>
    </message>
    <message>
        <source>Packages worth the same to us but giving the other side different things: put them on the table together, and their choice tells you what they value.</source>
        <translation>Des offres qui valent autant pour nous mais donnent à l&apos;autre partie des choses différentes : posez-les ensemble sur la table, son choix vous dira ce qui compte pour elle.</translation>
    </message>
    <message>
        <source>Score for us:</source>
        <translation>Score pour nous :</translation>
    </message>
    <message>
        <source>Score of the packages for us</source>
        <translation>Score des offres pour nous</translation>
    </message>
    <message>
        <source>Propose packages</source>
        <translation>Proposer des offres</translation>
    </message>
    <message>
        <source>Save as our next offer</source>
        <translation>En faire notre prochaine offre</translation>
    </message>
    <message>
        <source>Equivalent packages</source>
        <translation>Offres équivalentes</translation>
    </message>
    <message>
        <source>(our target scores {score})</source>
        <translation>(notre objectif obtient {score})</translation>
    </message>
    <message>
        <source>Mapping the frontier…</source>
        <translation>Calcul de la frontière…</translation>
    </message>
    <message>
        <source>Improve our alternative, test their estimated BATNA, or find what else could be traded: as things stand, walking away is better for one side.</source>
        <translation>Améliorez notre solution de rechange, vérifiez leur MESORE estimée, ou cherchez ce qui pourrait encore s&apos;échanger : en l&apos;état, partir vaut mieux pour un des camps.</translation>
    </message>
    <message>
        <source>Our offer of round {round} leaves {points} points on the table: a package as good for us is that much better for them.</source>
        <translation>Notre offre du tour {round} laisse {points} points sur la table : un paquet aussi bon pour nous est meilleur d&apos;autant pour eux.</translation>
    </message>
    <message>
        <source>The frontier cannot be drawn yet: {reason}.</source>
        <translation>La frontière ne peut pas encore être tracée : {reason}.</translation>
    </message>
    <message>
        <source>Deal zone: packages exist that both sides prefer to their BATNAs. The Nash package scores {ours} for us and {theirs} for them.</source>
        <translation>Zone d&apos;accord : des paquets existent que les deux camps préfèrent à leur MESORE. Le paquet de Nash obtient {ours} pour nous et {theirs} pour eux.</translation>
    </message>
    <message>
        <source>Deal zone: packages exist that both sides prefer to their BATNAs.</source>
        <translation>Zone d&apos;accord : des paquets existent que les deux camps préfèrent à leur MESORE.</translation>
    </message>
    <message>
        <source>No package lies within both sides&apos; walk-aways: there is no deal zone.</source>
        <translation>Aucun paquet ne respecte les points de rupture des deux camps : pas de zone d&apos;accord.</translation>
    </message>
    <message>
        <source>No deal zone: no package is worth our BATNA ({ours}) to us and their BATNA ({theirs}) to them.</source>
        <translation>Pas de zone d&apos;accord : aucun paquet ne vaut notre MESORE ({ours}) pour nous et leur MESORE ({theirs}) pour eux.</translation>
    </message>
    <message>
        <source>Our target scores {score}.</source>
        <translation>Notre objectif obtient {score}.</translation>
    </message>
    <message>
        <source>Our BATNA scores {score}.</source>
        <translation>Notre MESORE obtient {score}.</translation>
    </message>
    <message>
        <source>We gave up {points} points of our score per round.</source>
        <translation>Nous avons cédé {points} points de notre score par tour.</translation>
    </message>
    <message>
        <source>They gave up {points} points of theirs per round.</source>
        <translation>Ils ont cédé {points} points du leur par tour.</translation>
    </message>
    <message>
        <source>We are conceding faster: slow down and ask for more.</source>
        <translation>Nous cédons plus vite : ralentissez et demandez davantage.</translation>
    </message>
    <message>
        <source>They are conceding faster.</source>
        <translation>Ils cèdent plus vite.</translation>
    </message>
    <message>
        <source>Two scored offers of a side are needed to measure its pace.</source>
        <translation>Il faut deux offres notées d&apos;une partie pour mesurer son rythme.</translation>
    </message>
    <message>
        <source>Add our offer for round {round}</source>
        <translation>Ajouter notre offre du tour {round}</translation>
    </message>
    <message>
        <source>Add their offer for round {round}</source>
        <translation>Ajouter leur offre du tour {round}</translation>
    </message>
    <message>
        <source>No next offer can be proposed yet: {reason}</source>
        <translation>Aucune prochaine offre ne peut encore être proposée : {reason}</translation>
    </message>
    <message>
        <source>Record our offer for round {round}</source>
        <translation>Enregistrer notre offre du tour {round}</translation>
    </message>
    <message>
        <source>enter the score the packages should reach</source>
        <translation>indiquez le score que les offres doivent atteindre</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Deal title</source>
        <translation>Intitulé de l&apos;affaire</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Intitulé</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Montant de l&apos;affaire</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Close date</source>
        <translation>Date de signature</translation>
    </message>
    <message>
        <source>&amp;Close date</source>
        <translation>Date de &amp;signature</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Motif de perte</translation>
    </message>
    <message>
        <source>why it was lost</source>
        <translation>pourquoi elle a été perdue</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Concurrent</translation>
    </message>
    <message>
        <source>competitor</source>
        <translation>concurrent</translation>
    </message>
    <message>
        <source>Lost &amp;because</source>
        <translation>Perd&amp;ue parce que</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <source>&amp;Probability</source>
        <translation>&amp;Probabilité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Customer&apos;s language</source>
        <translation>Langue du client</translation>
    </message>
    <message>
        <source>The language of the customer copy of the brief and of calendar events</source>
        <translation>La langue de la copie client de la fiche et des événements d&apos;agenda</translation>
    </message>
    <message>
        <source>As the app</source>
        <translation>Comme l&apos;application</translation>
    </message>
    <message>
        <source>C&amp;ustomer reads</source>
        <translation>Langue du c&amp;lient</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Responsable</translation>
    </message>
    <message>
        <source>Relationship path</source>
        <translation>Parcours de la relation</translation>
    </message>
    <message>
        <source>Checklist of the stage</source>
        <translation>Liste de contrôle de l&apos;étape</translation>
    </message>
    <message>
        <source>At this stage</source>
        <translation>À cette étape</translation>
    </message>
    <message>
        <source>Project maturity phase</source>
        <translation>Phase de maturité du projet</translation>
    </message>
    <message>
        <source>&amp;Maturity phase</source>
        <translation>Phase de &amp;maturité</translation>
    </message>
    <message>
        <source>Last contact (recorded)</source>
        <translation>Dernier contact (noté)</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Contact cadence</source>
        <translation>Rythme des contacts</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Maturity phase</source>
        <translation>Phase de maturité</translation>
    </message>
    <message>
        <source>Change {field}</source>
        <translation>Modifier : {field}</translation>
    </message>
    <message>
        <source>A contact cannot be in the future.</source>
        <translation>Un contact ne peut pas être dans le futur.</translation>
    </message>
    <message>
        <source>Comp&amp;etitor</source>
        <translation>Co&amp;ncurrent</translation>
    </message>
    <message>
        <source>Tick “{item}”</source>
        <translation>Cocher « {item} »</translation>
    </message>
    <message>
        <source>Untick “{item}”</source>
        <translation>Décocher « {item} »</translation>
    </message>
    <message numerus="yes">
        <source>Every %n day(s) at this phase</source>
        <translation>
            <numerusform>Tous les jours à cette phase</numerusform>
            <numerusform>Tous les %n jours à cette phase</numerusform>
        </translation>
    </message>
    <message>
        <source>{date} (latest meeting or interaction)</source>
        <translation>{date} (dernier rendez-vous ou échange)</translation>
    </message>
    <message>
        <source>next contact was due {date} — overdue</source>
        <translation>prochain contact prévu le {date} — en retard</translation>
    </message>
    <message>
        <source>next contact due {date}</source>
        <translation>prochain contact prévu le {date}</translation>
    </message>
    <message>
        <source>no contact recorded yet</source>
        <translation>aucun contact noté pour le moment</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Export a meeting pack</source>
        <translation>Exporter un dossier de rendez-vous</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Complète</translation>
    </message>
    <message>
        <source>Customer copy</source>
        <translation>Copie client</translation>
    </message>
    <message>
        <source>&amp;Variant</source>
        <translation>&amp;Version</translation>
    </message>
    <message>
        <source>&amp;Password (optional)</source>
        <translation>&amp;Mot de passe (facultatif)</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>La fin est avant le début.</translation>
    </message>
    <message>
        <source>No meeting</source>
        <translation>Aucun rendez-vous</translation>
    </message>
    <message>
        <source>There is no meeting from {start} to {end}.</source>
        <translation>Il n&apos;y a aucun rendez-vous du {start} au {end}.</translation>
    </message>
    <message>
        <source>meeting pack {start} {end}</source>
        <translation>dossier de rendez-vous {start} {end}</translation>
    </message>
    <message>
        <source>Export the pack</source>
        <translation>Exporter le dossier</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Building the briefs…</source>
        <translation>Production des fiches…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Meeting pack</source>
        <translation>Dossier de rendez-vous</translation>
    </message>
    <message>
        <source>Brief {done} of {total}: {label}</source>
        <translation>Fiche {done} sur {total} : {label}</translation>
    </message>
    <message>
        <source>Pack not written</source>
        <translation>Dossier non écrit</translation>
    </message>
</context>
<context>
    <name>PackageForm</name>
    <message>
        <source>Term</source>
        <translation>Terme</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Stakeholders</source>
        <translation>Parties prenantes</translation>
    </message>
    <message>
        <source>Person&apos;s name</source>
        <translation>Nom de la personne</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>theirs (at the account)</source>
        <translation>chez eux (chez le client)</translation>
    </message>
    <message>
        <source>ours</source>
        <translation>chez nous</translation>
    </message>
    <message>
        <source>Si&amp;de</source>
        <translation>&amp;Camp</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rôle</translation>
    </message>
    <message>
        <source>S&amp;tance</source>
        <translation>&amp;Attitude</translation>
    </message>
    <message>
        <source>Introduced by</source>
        <translation>Présenté par</translation>
    </message>
    <message>
        <source>&amp;Introduced by</source>
        <translation>Présenté &amp;par</translation>
    </message>
    <message>
        <source>&amp;Add person</source>
        <translation>&amp;Ajouter la personne</translation>
    </message>
    <message>
        <source>A name is required.</source>
        <translation>Un nom est requis.</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Nouvelle personne</translation>
    </message>
    <message>
        <source>New person {n}</source>
        <translation>Nouvelle personne {n}</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;tirer</translation>
    </message>
    <message>
        <source>Known at this account…</source>
        <translation>Connus chez ce client…</translation>
    </message>
    <message>
        <source>{name} is already on this side of the deal.</source>
        <translation>{name} est déjà de ce côté dans cette affaire.</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>Ajouter {name}</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>Modifier {name}</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Retirer {name}</translation>
    </message>
    <message>
        <source>Nobody else is known at this account</source>
        <translation>Personne d&apos;autre n&apos;est connu chez ce client</translation>
    </message>
</context>
<context>
    <name>PriceEffectDialog</name>
    <message>
        <source>Price effect</source>
        <translation>Effet prix</translation>
    </message>
    <message>
        <source>A discount costs gross profit that only more volume can win back. Enter the discount and your gross margin, both as a percentage of the price.</source>
        <translation>Une remise coûte de la marge brute que seul un volume supplémentaire peut regagner. Indiquez la remise et votre taux de marge brute, tous deux en pourcentage du prix.</translation>
    </message>
    <message>
        <source>Discount in percent</source>
        <translation>Remise en pourcentage</translation>
    </message>
    <message>
        <source>&amp;Discount (%)</source>
        <translation>&amp;Remise (%)</translation>
    </message>
    <message>
        <source>Gross margin in percent</source>
        <translation>Marge brute en pourcentage</translation>
    </message>
    <message>
        <source>Gross &amp;margin (%)</source>
        <translation>&amp;Marge brute (%)</translation>
    </message>
    <message>
        <source>Volume increase needed</source>
        <translation>Hausse de volume nécessaire</translation>
    </message>
    <message>
        <source>Volume needed</source>
        <translation>Volume nécessaire</translation>
    </message>
    <message>
        <source>Enter a discount and a gross margin.</source>
        <translation>Indiquez une remise et une marge brute.</translation>
    </message>
    <message>
        <source>Sell {pct} % more volume to keep the same gross profit.</source>
        <translation>Vendez {pct} % de volume en plus pour garder la même marge brute.</translation>
    </message>
</context>
<context>
    <name>ProfileBanner</name>
    <message>
        <source>Your briefs are signed with your name:</source>
        <translation>Vos fiches sont signées de votre nom :</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Your company</source>
        <translation>Votre société</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>RehearsalTab</name>
    <message>
        <source>They play</source>
        <translation>Ils jouent</translation>
    </message>
    <message>
        <source>Their tactic</source>
        <translation>Leur tactique</translation>
    </message>
    <message>
        <source>over</source>
        <translation>en</translation>
    </message>
    <message>
        <source> rounds</source>
        <translation> tours</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>Tours</translation>
    </message>
    <message>
        <source>&amp;Start over</source>
        <translation>&amp;Recommencer</translation>
    </message>
    <message>
        <source>Where the rehearsal stands</source>
        <translation>Où en est la répétition</translation>
    </message>
    <message>
        <source>Our offer</source>
        <translation>Notre offre</translation>
    </message>
    <message>
        <source>Their last reply</source>
        <translation>Leur dernière réponse</translation>
    </message>
    <message>
        <source>We offer</source>
        <translation>Nous offrons</translation>
    </message>
    <message>
        <source>Take the &amp;proposed next offer</source>
        <translation>Prendre la prochaine offre &amp;proposée</translation>
    </message>
    <message>
        <source>&amp;Make this offer</source>
        <translation>&amp;Faire cette offre</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <source>Their replies</source>
        <translation>Leurs réponses</translation>
    </message>
    <message>
        <source>Keep it as a &amp;note</source>
        <translation>La garder en &amp;note</translation>
    </message>
    <message>
        <source>Added to the next meeting&apos;s objectives, where the brief prints it</source>
        <translation>Ajoutée aux objectifs du prochain rendez-vous, que le dossier imprime</translation>
    </message>
    <message>
        <source>The dance chart appears once both sides&apos; scores can be told.</source>
        <translation>La danse apparaît dès que les scores des deux parties peuvent être calculés.</translation>
    </message>
    <message>
        <source>The rehearsal&apos;s dance chart</source>
        <translation>La danse de la répétition</translation>
    </message>
    <message>
        <source>Mapping the frontier… the rehearsal starts when it is ready.</source>
        <translation>Calcul de la frontière… la répétition commence dès qu&apos;elle est prête.</translation>
    </message>
    <message>
        <source>No rehearsal yet: {reason}</source>
        <translation>Pas encore de répétition : {reason}</translation>
    </message>
    <message>
        <source>Round 1 of {n}: type our offer, or take the proposed next offer, then make it.</source>
        <translation>Tour 1 sur {n} : saisissez notre offre, ou prenez la prochaine offre proposée, puis faites-la.</translation>
    </message>
    <message>
        <source>Round {round}: they accept our offer ({their} for them).</source>
        <translation>Tour {round} : ils acceptent notre offre ({their} pour eux).</translation>
    </message>
    <message>
        <source>Round {round}: they walk away: our offer ({their} for them) is below their BATNA at the last round.</source>
        <translation>Tour {round} : ils rompent : notre offre ({their} pour eux) est sous leur MESORE au dernier tour.</translation>
    </message>
    <message>
        <source>Round {round} of {n}: they counter (their aspiration: {aspiration}). Type our next offer.</source>
        <translation>Tour {round} sur {n} : ils contre-proposent (leur aspiration : {aspiration}). Saisissez notre prochaine offre.</translation>
    </message>
    <message>
        <source>Keep the rehearsal as a note</source>
        <translation>Garder la répétition en note</translation>
    </message>
    <message>
        <source>Kept with the next meeting&apos;s objectives.</source>
        <translation>Gardée avec les objectifs du prochain rendez-vous.</translation>
    </message>
</context>
<context>
    <name>SaveStatus</name>
    <message>
        <source>Saved at {time}</source>
        <translation>Enregistré à {time}</translation>
    </message>
    <message>
        <source>Saved at {time} with the changes someone else saved meanwhile (version {v})</source>
        <translation>Enregistré à {time} avec les changements enregistrés entre-temps par quelqu&apos;un d&apos;autre (version {v})</translation>
    </message>
    <message>
        <source>Not saved: changed by someone else</source>
        <translation>Non enregistré : modifiée par quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Your &amp;name (printed on briefs)</source>
        <translation>Votre &amp;nom (imprimé sur les fiches)</translation>
    </message>
    <message>
        <source>Your &amp;company</source>
        <translation>Votre &amp;entreprise</translation>
    </message>
    <message>
        <source>&amp;Default currency</source>
        <translation>&amp;Devise par défaut</translation>
    </message>
    <message>
        <source>P{n}: </source>
        <translation>P{n} : </translation>
    </message>
    <message>
        <source> d</source>
        <translation> j</translation>
    </message>
    <message>
        <source>Days between contacts at phase {n}</source>
        <translation>Jours entre deux contacts en phase {n}</translation>
    </message>
    <message>
        <source>Contact every (days) by phase</source>
        <translation>Contact tous les (jours) selon la phase</translation>
    </message>
    <message>
        <source>A concession costing more than this needs approval</source>
        <translation>Une concession coûtant plus que ceci demande une validation</translation>
    </message>
    <message>
        <source>e.g. 10</source>
        <translation>ex. 10</translation>
    </message>
    <message>
        <source>A discount deeper than this % needs approval</source>
        <translation>Une remise au-delà de ce % demande une validation</translation>
    </message>
    <message>
        <source>As the system (currently {lang})</source>
        <translation>Comme le système (actuellement {lang})</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>&amp;Language (from the next start)</source>
        <translation>&amp;Langue (au prochain démarrage)</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>&amp;Time zone of your meetings</source>
        <translation>&amp;Fuseau horaire de vos rendez-vous</translation>
    </message>
    <message>
        <source>A percentage between 0 and 100.</source>
        <translation>Un pourcentage entre 0 et 100.</translation>
    </message>
    <message>
        <source>Not a time zone: choose one in the list, like Europe/Paris.</source>
        <translation>Ce n&apos;est pas un fuseau horaire : choisissez-en un dans la liste, comme Europe/Paris.</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>Settle sync conflicts</source>
        <translation>Régler les conflits de synchronisation</translation>
    </message>
    <message>
        <source>Asking the server about “%1” (%2 of %3)…</source>
        <translation>Interrogation du serveur sur « %1 » (%2 sur %3)…</translation>
    </message>
    <message>
        <source>Sync conflict</source>
        <translation>Conflit de synchronisation</translation>
    </message>
    <message>
        <source>“%1” was changed here and is no longer shared with you on the server. Keep this copy as your own new deal, or drop it?</source>
        <translation>« %1 » a été modifiée ici et n’est plus partagée avec vous sur le serveur. Garder cette copie comme votre propre nouvelle affaire, ou l’abandonner ?</translation>
    </message>
    <message>
        <source>Keep as my own new deal</source>
        <translation>Garder comme ma nouvelle affaire</translation>
    </message>
    <message>
        <source>Drop it</source>
        <translation>L’abandonner</translation>
    </message>
    <message>
        <source>“%1”: %2. Keep this laptop&apos;s side?</source>
        <translation>« %1 » : %2. Garder la version de cet ordinateur ?</translation>
    </message>
    <message>
        <source>Writing “%1” on the server and here…</source>
        <translation>Écriture de « %1 » sur le serveur et ici…</translation>
    </message>
    <message>
        <source>“%1”: left as it is.</source>
        <translation>« %1 » : laissée telle quelle.</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) settled.</source>
        <translation>
            <numerusform>%n conflit réglé.</numerusform>
            <numerusform>%n conflits réglés.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no sync conflict to settle.</source>
        <translation>Il n’y a aucun conflit de synchronisation à régler.</translation>
    </message>
</context>
<context>
    <name>StagePath</name>
    <message>
        <source>Stage {n}: {label}</source>
        <translation>Étape {n} : {label}</translation>
    </message>
    <message>
        <source>Stages skipped</source>
        <translation>Étapes passées</translation>
    </message>
    <message>
        <source>{stage}: skipped, no item of its checklist was ticked</source>
        <translation>{stage} : passée, aucun point de sa liste n&apos;a été coché</translation>
    </message>
    <message numerus="yes">
        <source>%n stage(s) skipped, nothing of their checklist ticked: {stages}</source>
        <translation>
            <numerusform>%n étape passée sans rien cocher : {stages}</numerusform>
            <numerusform>%n étapes passées sans rien cocher : {stages}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Team server:</source>
        <translation>Serveur de l’équipe :</translation>
    </message>
    <message>
        <source>Your role:</source>
        <translation>Votre rôle :</translation>
    </message>
    <message>
        <source>SalesDesk never stores your password: put it in ~/.pgpass (server:port:database:role:password). Leave the server empty to work alone.</source>
        <translation>SalesDesk n’enregistre jamais votre mot de passe : mettez-le dans ~/.pgpass (serveur:port:base:rôle:mot de passe). Laissez le serveur vide pour travailler seul.</translation>
    </message>
    <message>
        <source>Team server: a PostgreSQL URL such as postgresql://server/database</source>
        <translation>Serveur de l’équipe : une URL PostgreSQL comme postgresql://serveur/base</translation>
    </message>
</context>
<context>
    <name>TeamMembersDialog</name>
    <message>
        <source>Team members</source>
        <translation>Membres de l&apos;équipe</translation>
    </message>
    <message>
        <source>A concession a rep gives that costs more than their amount limit is marked for a manager&apos;s approval. Leave a limit empty for none.</source>
        <translation>Une concession accordée par un commercial qui coûte plus que sa limite de montant est soumise à l&apos;accord d&apos;un manager. Laissez une limite vide pour n&apos;en fixer aucune.</translation>
    </message>
    <message>
        <source>Limits of</source>
        <translation>Limites de</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>Discount limit (%)</source>
        <translation>Limite de remise (%)</translation>
    </message>
    <message>
        <source>&amp;Discount limit (%)</source>
        <translation>Limite de &amp;remise (%)</translation>
    </message>
    <message>
        <source>Amount limit</source>
        <translation>Limite de montant</translation>
    </message>
    <message>
        <source>&amp;Amount limit</source>
        <translation>Limite de &amp;montant</translation>
    </message>
    <message>
        <source>&amp;Save limits</source>
        <translation>&amp;Enregistrer les limites</translation>
    </message>
    <message>
        <source>Reading the team…</source>
        <translation>Lecture de l&apos;équipe…</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n membre</numerusform>
            <numerusform>%n membres</numerusform>
        </translation>
    </message>
    <message>
        <source>{field}: cannot be negative.</source>
        <translation>{field} : ne peut pas être négative.</translation>
    </message>
    <message>
        <source>Discount limit</source>
        <translation>Limite de remise</translation>
    </message>
    <message>
        <source>Discount limit: a percentage between 0 and 100.</source>
        <translation>Limite de remise : un pourcentage entre 0 et 100.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Limits of {role} saved.</source>
        <translation>Limites de {role} enregistrées.</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s) changed here and on the server: settle with salesdesk sync --take</source>
        <translation>
            <numerusform>%n affaire modifiée ici et sur le serveur : réglez avec salesdesk sync --take</numerusform>
            <numerusform>%n affaires modifiées ici et sur le serveur : réglez avec salesdesk sync --take</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Synced %1 · %2 waiting</source>
        <translation>Synchronisé %1 · %2 en attente</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation : %1</translation>
    </message>
</context>
<context>
    <name>TermScoresPanel</name>
    <message>
        <source>Kind:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <source>Kind of the term</source>
        <translation>Type du terme</translation>
    </message>
    <message>
        <source>Select a term in the grid to say how its values score.</source>
        <translation>Choisissez un terme dans la grille pour dire ce que valent ses valeurs.</translation>
    </message>
    <message>
        <source>What each option is worth, 0–100: to us, and to them as we estimate it. Positions and offers choose among the options. Paste rows from a spreadsheet: option, our score, their score.</source>
        <translation>Ce que vaut chaque option, de 0 à 100 : pour nous, et pour eux selon notre estimation. Positions et offres choisissent parmi les options. Collez des lignes d&apos;un tableur : option, notre score, leur score.</translation>
    </message>
    <message>
        <source>Options of the term</source>
        <translation>Options du terme</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>Ajouter une option</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>Supprimer l&apos;option</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <source>Rows copied from a spreadsheet: option, our score, their score (est.)</source>
        <translation>Lignes copiées d&apos;un tableur : option, notre score, leur score (est.)</translation>
    </message>
    <message>
        <source>Our scores</source>
        <translation>Nos scores</translation>
    </message>
    <message>
        <source>Their scores (est.)</source>
        <translation>Leurs scores (est.)</translation>
    </message>
    <message>
        <source>Remove point</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected score point</source>
        <translation>Retirer le point de score sélectionné</translation>
    </message>
    <message>
        <source>Straight line</source>
        <translation>Ligne droite</translation>
    </message>
    <message>
        <source>No points: the score runs straight from the walk-away (0) to the opening (100)</source>
        <translation>Sans points : le score va en ligne droite du point de rupture (0) à l&apos;ouverture (100)</translation>
    </message>
    <message>
        <source>Scores of a term</source>
        <translation>Scores d&apos;un terme</translation>
    </message>
    <message>
        <source>What a value is worth (0–100), read straight between points and flat beyond: a preference can rise and fall. No points: straight from the walk-away (0) to the opening (100).</source>
        <translation>Ce que vaut une valeur (0–100), en droite entre les points et à plat au-delà : une préférence peut monter puis descendre. Sans points : en ligne droite du point de rupture (0) à l&apos;ouverture (100).</translation>
    </message>
    <message>
        <source>The clipboard holds nothing to paste.</source>
        <translation>Le presse-papiers ne contient rien à coller.</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Contacts due</source>
        <translation>Contacts à faire</translation>
    </message>
    <message>
        <source>Meetings this week</source>
        <translation>Rendez-vous de la semaine</translation>
    </message>
    <message>
        <source>Meetings to debrief</source>
        <translation>Rendez-vous à débriefer</translation>
    </message>
    <message>
        <source>New here? The method SalesDesk follows, in short (F1)</source>
        <translation>Nouveau ? La méthode que suit SalesDesk, en bref (F1)</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>Aujourd&apos;hui, {date}</translation>
    </message>
    <message numerus="yes">
        <source>Meetings to debrief: what came of them? (%Ln)</source>
        <translation>
            <numerusform>Rendez-vous à débriefer : qu&apos;en est-il sorti ? (%Ln)</numerusform>
            <numerusform>Rendez-vous à débriefer : qu&apos;en est-il sorti ? (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contacts due or overdue (the first {shown} of %Ln)</source>
        <translation>
            <numerusform>Contacts à faire ou en retard (les {shown} premiers sur %Ln)</numerusform>
            <numerusform>Contacts à faire ou en retard (les {shown} premiers sur %Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contacts due or overdue (%Ln)</source>
        <translation>
            <numerusform>Contacts à faire ou en retard (%Ln)</numerusform>
            <numerusform>Contacts à faire ou en retard (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Meetings in the next 7 days (%Ln)</source>
        <translation>
            <numerusform>Rendez-vous des 7 prochains jours (%Ln)</numerusform>
            <numerusform>Rendez-vous des 7 prochains jours (%Ln)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TradeDialog</name>
    <message>
        <source>Our concession</source>
        <translation>Notre concession</translation>
    </message>
    <message>
        <source>Their concession</source>
        <translation>Leur concession</translation>
    </message>
    <message>
        <source>What is given</source>
        <translation>Ce qui est cédé</translation>
    </message>
    <message>
        <source>e.g. 2 % off the unit price</source>
        <translation>ex. 2 % de remise sur le prix unitaire</translation>
    </message>
    <message>
        <source>e.g. a 3-year commitment</source>
        <translation>ex. un engagement sur 3 ans</translation>
    </message>
    <message>
        <source>&amp;What we give</source>
        <translation>&amp;Ce que nous cédons</translation>
    </message>
    <message>
        <source>&amp;What they give</source>
        <translation>&amp;Ce qu&apos;ils cèdent</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Terme</translation>
    </message>
    <message>
        <source>(no term)</source>
        <translation>(aucun terme)</translation>
    </message>
    <message>
        <source>&amp;Term</source>
        <translation>&amp;Terme</translation>
    </message>
    <message>
        <source>Cost to us</source>
        <translation>Coût pour nous</translation>
    </message>
    <message>
        <source>Cost to them</source>
        <translation>Coût pour eux</translation>
    </message>
    <message>
        <source>Value to them</source>
        <translation>Valeur pour eux</translation>
    </message>
    <message>
        <source>Value to us</source>
        <translation>Valeur pour nous</translation>
    </message>
    <message>
        <source>On condition that</source>
        <translation>À condition que</translation>
    </message>
    <message>
        <source>what we get in return</source>
        <translation>ce que nous obtenons en échange</translation>
    </message>
    <message>
        <source>what they get in return</source>
        <translation>ce qu&apos;ils obtiennent en échange</translation>
    </message>
    <message>
        <source>On &amp;condition that…</source>
        <translation>À con&amp;dition que…</translation>
    </message>
    <message>
        <source>Counterpart&apos;s value to us</source>
        <translation>Valeur de la contrepartie pour nous</translation>
    </message>
    <message>
        <source>Counterpart&apos;s value to them</source>
        <translation>Valeur de la contrepartie pour eux</translation>
    </message>
    <message>
        <source>Counterpart&apos;s cost to them</source>
        <translation>Coût de la contrepartie pour eux</translation>
    </message>
    <message>
        <source>Counterpart&apos;s cost to us</source>
        <translation>Coût de la contrepartie pour nous</translation>
    </message>
    <message>
        <source>Give it without counterpart</source>
        <translation>La céder sans contrepartie</translation>
    </message>
    <message>
        <source>It will be flagged as a unilateral concession in the ledger and the brief.</source>
        <translation>Elle sera signalée comme concession unilatérale dans le registre et la fiche.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Tour</translation>
    </message>
    <message>
        <source>Needs a manager&apos;s approval</source>
        <translation>Demande la validation d&apos;un manager</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Validée par</translation>
    </message>
    <message>
        <source>name of the manager who approved it</source>
        <translation>nom du manager qui l&apos;a validée</translation>
    </message>
    <message>
        <source>&amp;Approved by</source>
        <translation>&amp;Validée par</translation>
    </message>
    <message>
        <source>Approved on {when}</source>
        <translation>Validée le {when}</translation>
    </message>
    <message>
        <source>Past your authority, or already waiting: a manager decides.</source>
        <translation>Au-delà de votre délégation, ou déjà en attente : un manager décide.</translation>
    </message>
    <message>
        <source>Correct the amounts marked in red first.</source>
        <translation>Corrigez d&apos;abord les montants en rouge.</translation>
    </message>
    <message>
        <source>Say what is given.</source>
        <translation>Dites ce qui est cédé.</translation>
    </message>
    <message>
        <source>Say what we get in return (“on condition that…”), or tick “Give it without counterpart”.</source>
        <translation>Dites ce que nous obtenons en échange (« à condition que… »), ou cochez « La céder sans contrepartie ».</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Contacts due and this week&apos;s meetings</source>
        <translation>Contacts à faire et rendez-vous de la semaine</translation>
    </message>
    <message>
        <source>&amp;New deal</source>
        <translation>&amp;Nouvelle affaire</translation>
    </message>
    <message>
        <source>New deal from &amp;template…</source>
        <translation>Nouvelle affaire depuis un &amp;modèle…</translation>
    </message>
    <message>
        <source>D&amp;uplicate deal</source>
        <translation>D&amp;upliquer l&apos;affaire</translation>
    </message>
    <message>
        <source>&amp;Delete deal…</source>
        <translation>&amp;Supprimer l&apos;affaire…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Chercher</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Import from a CRM…</source>
        <translation>&amp;Importer depuis un CRM…</translation>
    </message>
    <message>
        <source>E&amp;xport deal…</source>
        <translation>E&amp;xporter l&apos;affaire…</translation>
    </message>
    <message>
        <source>Export the &amp;brief…</source>
        <translation>Exporter la &amp;fiche…</translation>
    </message>
    <message>
        <source>&amp;Print the brief…</source>
        <translation>&amp;Imprimer la fiche…</translation>
    </message>
    <message>
        <source>Export a meeting &amp;pack…</source>
        <translation>Exporter un &amp;dossier de rendez-vous…</translation>
    </message>
    <message>
        <source>Import &amp;deal…</source>
        <translation>Importer une &amp;affaire…</translation>
    </message>
    <message>
        <source>Export the deal &amp;list as CSV…</source>
        <translation>Exporter la &amp;liste des affaires en CSV…</translation>
    </message>
    <message>
        <source>Export &amp;meetings to a calendar (.ics)…</source>
        <translation>Exporter les &amp;rendez-vous vers un agenda (.ics)…</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Sauvegarder maintenant…</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Réglages…</translation>
    </message>
    <message>
        <source>&amp;Approvals waiting…</source>
        <translation>&amp;Accords en attente…</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>É&amp;quipe…</translation>
    </message>
    <message>
        <source>Team &amp;members…</source>
        <translation>&amp;Membres de l&apos;équipe…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynchroniser maintenant</translation>
    </message>
    <message>
        <source>Settle sync &amp;conflicts…</source>
        <translation>Régler les &amp;conflits de synchronisation…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>The &amp;method in short</source>
        <translation>La &amp;méthode en bref</translation>
    </message>
    <message>
        <source>A short guide</source>
        <translation>Un guide court</translation>
    </message>
    <message>
        <source>&amp;About SalesDesk</source>
        <translation>&amp;À propos de SalesDesk</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;ffichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Annuler : {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rétablir : {what}</translation>
    </message>
</context>
<context>
    <name>WorksheetTab</name>
    <message>
        <source>Add term</source>
        <translation>Ajouter un terme</translation>
    </message>
    <message>
        <source>Remove term</source>
        <translation>Retirer le terme</translation>
    </message>
    <message>
        <source>Paste from spreadsheet</source>
        <translation>Coller depuis un tableur</translation>
    </message>
    <message>
        <source>Rows copied from a spreadsheet: term, unit, better for us, weight, their weight, then the positions (numbers)</source>
        <translation>Lignes copiées d&apos;un tableur : terme, unité, mieux pour nous, poids, leur poids, puis les positions (des nombres)</translation>
    </message>
    <message>
        <source>Save as template…</source>
        <translation>Enregistrer comme modèle…</translation>
    </message>
    <message>
        <source>Price effect…</source>
        <translation>Effet prix…</translation>
    </message>
    <message>
        <source>Sum of the weights</source>
        <translation>Somme des poids</translation>
    </message>
    <message>
        <source>Negotiated terms</source>
        <translation>Termes négociés</translation>
    </message>
    <message>
        <source>Watch out</source>
        <translation>Points de vigilance</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Our BATNA</source>
        <translation>Notre MESORE</translation>
    </message>
    <message>
        <source>Their BATNA (estimated)</source>
        <translation>Leur MESORE (estimée)</translation>
    </message>
    <message>
        <source>Scores of the term</source>
        <translation>Scores du terme</translation>
    </message>
    <message>
        <source>Their BATNA (est.)</source>
        <translation>Leur MESORE (est.)</translation>
    </message>
    <message>
        <source>The range chart appears once a term has two positions.</source>
        <translation>Le graphique des zones apparaît dès qu&apos;un terme a deux positions.</translation>
    </message>
    <message>
        <source>Negotiation range chart</source>
        <translation>Graphique des zones de négociation</translation>
    </message>
    <message>
        <source>Weights: {total} / 100</source>
        <translation>Poids : {total} / 100</translation>
    </message>
    <message>
        <source>Our BATNA needs a score (0–100): type one, or fill its package.</source>
        <translation>Notre MESORE demande un score (0–100) : saisissez-en un, ou remplissez son paquet.</translation>
    </message>
    <message>
        <source>Their BATNA needs a score (0–100): type one, or fill its package.</source>
        <translation>Leur MESORE demande un score (0–100) : saisissez-en un, ou remplissez son paquet.</translation>
    </message>
    <message>
        <source>A value on one term describes the alternative; compared with packages, it needs its own score on the package scale.</source>
        <translation>Une valeur sur un terme décrit la solution de rechange ; pour la comparer aux paquets, il lui faut son propre score sur l&apos;échelle des paquets.</translation>
    </message>
    <message>
        <source>Nothing to watch out for.</source>
        <translation>Rien à signaler.</translation>
    </message>
    <message>
        <source>New term {n}</source>
        <translation>Nouveau terme {n}</translation>
    </message>
    <message>
        <source>Remove term {term}</source>
        <translation>Retirer le terme {term}</translation>
    </message>
    <message>
        <source>The clipboard holds nothing to paste.</source>
        <translation>Le presse-papiers ne contient rien à coller.</translation>
    </message>
    <message>
        <source>Nothing was pasted: {reason}</source>
        <translation>Rien n&apos;a été collé : {reason}</translation>
    </message>
    <message>
        <source>Paste {n} terms</source>
        <translation>Coller {n} termes</translation>
    </message>
    <message>
        <source>Paste a term</source>
        <translation>Coller un terme</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Backup restored; the damaged file was kept at {path}</source>
        <translation>Sauvegarde restaurée ; le fichier endommagé est conservé dans {path}</translation>
    </message>
    <message>
        <source>Updating the next contact dates for today…</source>
        <translation>Mise à jour des prochains contacts pour aujourd’hui…</translation>
    </message>
    <message>
        <source>Next contact dates up to date</source>
        <translation>Prochains contacts à jour</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>Nouvelle affaire</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>{title} (copy)</source>
        <translation>{title} (copie)</translation>
    </message>
</context>
</TS>
