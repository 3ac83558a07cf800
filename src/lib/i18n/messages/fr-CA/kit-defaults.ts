/**
 * What the app fills in when a kit (format 2) leaves an optional text out: the facilitator's
 * instructions per kind of activity and the reflective grid's title. Kept apart from the other
 * catalogs because the kit loader imports both languages of it directly (see kit-normalize.ts).
 */
export const kitDefaults = {
	'kitDefaults.instructions.welcome': 'Accueillez les personnes, présentez le déroulement et l’équipe d’animation, puis lisez ensemble le texte de consentement.',
	'kitDefaults.instructions.checkin': 'Lisez la question à voix haute. Chaque personne choisit une réponse, sans la commenter; les réponses restent anonymes.',
	'kitDefaults.instructions.gallery': 'Invitez les personnes à circuler entre les affiches à leur rythme. Rappelez que le glossaire explique les mots difficiles.',
	'kitDefaults.instructions.board': 'Chaque personne écrit ses idées, une par note. Laissez le temps d’écrire avant de lire les notes ensemble.',
	'kitDefaults.instructions.experts': 'Recueillez les questions des participants, puis invitez les personnes-ressources à y répondre en mots simples.',
	'kitDefaults.instructions.stations': 'Formez de petits groupes. Chaque groupe répond à la question de sa station, puis change de station au signal.',
	'kitDefaults.instructions.dream': 'Invitez les groupes à imaginer, sans contrainte, des façons concrètes de participer, puis à les présenter.',
	'kitDefaults.instructions.card-game': 'Distribuez les cartes dans chaque groupe. Ensemble, le groupe choisit les cartes à garder, puis les place sur la grille.',
	'kitDefaults.instructions.cases': 'Chaque groupe lit son cas fictif et répond à ses questions en s’appuyant sur les cartes gardées.',
	'kitDefaults.instructions.registry': 'Présentez les données et rappelez leur source. Chaque personne note ce qu’elle en pense.',
	'kitDefaults.instructions.closing': 'Faites le tour de ce qui a été dit, expliquez ce qui sera fait des traces et remerciez les personnes.',
	'kitDefaults.instructions.break': 'Annoncez la pause et l’heure du retour.',
	'kitDefaults.gridTitle': 'Grille réflexive'
} as const;
