/** Group activities built on kit material: the reflective-grid card game, fictional cases, the registry. */
export const games = {
	'games.group.current': 'Groupe : {name}',
	'games.group.change': 'Changer de groupe',

	'games.cardGame.noGrid': 'Cette trousse ne contient pas de grille de cartes.',
	'games.cardGame.intro':
		'Lisez les cartes ensemble, une dimension à la fois, et discutez-en. Votre groupe garde {keep, plural, one {# carte} other {# cartes}} en tout, cartes « Autre » comprises.',
	'games.cardGame.keptCount': '{kept} / {keep} {keep, plural, one {carte gardée} other {cartes gardées}}',
	'games.cardGame.steps': 'Étapes du jeu',
	'games.cardGame.stepOf': 'Étape {n} sur {count}',
	'games.cardGame.previous': 'Cartes précédentes',
	'games.cardGame.next': 'Cartes suivantes',
	'games.cardGame.showGrid': 'Voir nos choix sur la grille',
	'games.cardGame.backToCards': 'Revenir aux cartes',

	'games.card.keep': 'Garder',
	'games.card.keepLabel': 'Garder la carte « {title} »',
	'games.card.kept': 'Gardée',
	'games.card.keepFull': 'Votre groupe a déjà {keep, plural, one {# carte gardée} other {# cartes gardées}} : c’est le maximum. Retirez une carte pour en garder une autre.',
	'games.card.readAloud': 'la carte « {title} »',

	'games.other.step': 'Cartes « Autre »',
	'games.other.intro':
		'Une question importante manque? Écrivez-la sur une carte « Autre ». Votre groupe peut en écrire {count, plural, one {# seule} other {jusqu’à #}}. Une carte « Autre » compte parmi les cartes gardées.',
	'games.other.written': '{used} / {count} {count, plural, one {carte « Autre » écrite} other {cartes « Autre » écrites}}',
	'games.other.title': 'Titre de la carte',
	'games.other.question': 'Votre question',
	'games.other.write': 'Écrire la carte',
	'games.other.allUsed': 'Votre groupe a écrit toutes ses cartes « Autre ».',
	'games.other.badge': 'Autre',
	'games.other.writtenKept': 'Carte « Autre » écrite et gardée.',
	'games.other.writtenNotKept':
		'Carte « Autre » écrite, mais pas gardée : votre groupe a déjà {keep, plural, one {# carte} other {# cartes}}. Retirez-en une pour garder celle-ci.',
	'games.other.none': 'Votre groupe n’a pas écrit de carte « Autre ».',

	'games.overKeep.message':
		'Votre groupe a gardé {kept} cartes, mais le jeu en permet {keep}. Deux tablettes ont sans doute choisi en même temps. Discutez-en, puis retirez {extra, plural, one {une carte} other {# cartes}}.',
	'games.overKeep.drop': 'Retirer',
	'games.overKeep.dropLabel': 'Retirer la carte « {title} »',

	'games.grid.heading': 'Nos choix sur la grille',
	'games.grid.keptHeading': 'Cartes gardées',
	'games.grid.notKeptHeading': 'Autres cartes',
	'games.grid.noneKept': 'Aucune carte gardée dans cette dimension.',
	'games.grid.otherColumn': 'Nos cartes « Autre »',
	'games.grid.notKept': 'pas gardée',

	'games.sideBySide.heading': 'Les choix de chaque groupe',
	'games.sideBySide.empty': 'Aucun groupe n’a encore été créé.',
	'games.sideBySide.noneKept': 'Aucune carte gardée pour l’instant.',
	'games.sideBySide.otherHeading': 'Cartes « Autre » écrites',
	'games.sideBySide.overKeep': 'Trop de cartes gardées : le groupe doit retirer {extra, plural, one {une carte} other {# cartes}}.',

	'games.results.heading': 'Cartes gardées par les groupes',
	'games.results.basis':
		'{count, plural, =0 {Aucun groupe n’a encore gardé de carte.} one {# groupe a gardé des cartes.} other {# groupes ont gardé des cartes.}}',
	'games.results.count': '{count, plural, =0 {aucun groupe} one {# groupe} other {# groupes}} sur {total}',
	'games.results.other': 'Au moins une carte « Autre »',
	'games.results.otherHeading': 'Cartes écrites par les groupes',

	'games.cases.noCases': 'Cette trousse ne contient pas de cas fictifs.',
	'games.cases.chooseHeading': 'Choisissez un cas',
	'games.cases.chooseIntro': 'Chaque cas a été inventé pour l’atelier. Plusieurs groupes peuvent travailler sur le même cas.',
	'games.cases.choose': 'Choisir ce cas',
	'games.cases.groupsOnCase':
		'{count, plural, =0 {Aucun groupe sur ce cas pour l’instant} one {# groupe travaille sur ce cas} other {# groupes travaillent sur ce cas}}',
	'games.cases.groupsAnswered': '{count, plural, one {# groupe y a déjà répondu} other {# groupes y ont déjà répondu}}',
	'games.cases.yoursKept': '{answered, plural, one {Votre groupe a répondu à # question} other {Votre groupe a répondu à # questions}} sur {total} de ce cas : ses réponses sont gardées.',
	'games.cases.reopen': 'Rouvrir ce cas',
	'games.cases.earlierHeading': 'Cas déjà travaillés par votre groupe',
	'games.cases.earlierIntro': 'Vos réponses à ces cas sont gardées. Rouvrez un cas pour les relire ou les compléter.',
	'games.cases.earlierShow': 'Voir vos réponses ({answered} sur {total})',
	'games.cases.current': 'Votre cas',
	'games.cases.change': 'Choisir un autre cas',
	'games.cases.fictional': 'Cas fictif',
	'games.cases.context': 'Contexte',
	'games.cases.answersHeading': 'Vos réponses',
	'games.cases.answersIntro': 'Écrivez ce que votre groupe propose. Tout s’enregistre pendant que vous écrivez.',
	'games.cases.questionOf': 'Question {n} sur {count}',
	'games.cases.citeLegend': 'Cartes gardées sur lesquelles s’appuie cette réponse (facultatif)',
	'games.cases.citeNone': 'Votre groupe n’a pas encore gardé de cartes dans le jeu de la grille.',
	'games.cases.saving': 'Enregistrement…',
	'games.cases.saved': 'Enregistré',
	'games.cases.saveError': 'Non enregistré : vérifiez l’espace libre de l’appareil. Votre texte reste à l’écran.',
	'games.cases.byCaseHeading': 'Réponses des groupes, cas par cas',
	'games.cases.noGroup': 'Aucun groupe ne travaille sur ce cas.',
	'games.cases.noAnswer': 'Pas encore de réponse.',
	'games.cases.cited': 'Cartes citées :',
	'games.cases.movedOn': 'Ce groupe a ensuite choisi un autre cas.',

	'games.registry.missing': 'Le tableau « {id} » manque dans la trousse de cette séance.',
	'games.registry.intro':
		'Parcourez le tableau. Cherchez un mot ou filtrez une colonne. Ouvrez « Que veut dire chaque colonne? » pour une explication simple de chaque colonne.'
} as const;
