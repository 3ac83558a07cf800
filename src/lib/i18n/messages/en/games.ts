import type { games as source } from '../fr-CA/games';

export const games = {
	'games.group.current': 'Group: {name}',
	'games.group.change': 'Change group',

	'games.cardGame.noGrid': 'This kit has no card grid.',
	'games.cardGame.intro':
		'Read the cards together, one dimension at a time, and talk about them. Your group keeps {keep, plural, one {# card} other {# cards}} in all, “Other” cards included.',
	'games.cardGame.keptCount': '{kept} / {keep} {keep, plural, one {card kept} other {cards kept}}',
	'games.cardGame.steps': 'Steps of the game',
	'games.cardGame.stepOf': 'Step {n} of {count}',
	'games.cardGame.previous': 'Previous cards',
	'games.cardGame.next': 'Next cards',
	'games.cardGame.showGrid': 'See our choices on the grid',
	'games.cardGame.backToCards': 'Back to the cards',

	'games.card.keep': 'Keep',
	'games.card.keepLabel': 'Keep the card “{title}”',
	'games.card.kept': 'Kept',
	'games.card.keepFull': 'Your group already has {keep, plural, one {# card kept} other {# cards kept}}: that is the limit. Put one back to keep another.',
	'games.card.readAloud': 'the card “{title}”',

	'games.other.step': '“Other” cards',
	'games.other.intro':
		'Is an important question missing? Write it on an “Other” card. Your group may write {count, plural, one {only #} other {up to #}}. An “Other” card counts among the kept cards.',
	'games.other.written': '{used} / {count} {count, plural, one {“Other” card written} other {“Other” cards written}}',
	'games.other.title': 'Card title',
	'games.other.question': 'Your question',
	'games.other.write': 'Write the card',
	'games.other.allUsed': 'Your group has written all its “Other” cards.',
	'games.other.badge': 'Other',
	'games.other.writtenKept': '“Other” card written and kept.',
	'games.other.writtenNotKept':
		'“Other” card written, but not kept: your group already has {keep, plural, one {# card} other {# cards}}. Put one back to keep this one.',
	'games.other.none': 'Your group has not written an “Other” card.',

	'games.overKeep.message':
		'Your group kept {kept} cards, but the game allows {keep}. Two tablets probably chose at the same time. Talk it over, then put back {extra, plural, one {one card} other {# cards}}.',
	'games.overKeep.drop': 'Put back',
	'games.overKeep.dropLabel': 'Put back the card “{title}”',

	'games.grid.heading': 'Our choices on the grid',
	'games.grid.keptHeading': 'Kept cards',
	'games.grid.notKeptHeading': 'Other cards',
	'games.grid.noneKept': 'No card kept in this dimension.',
	'games.grid.otherColumn': 'Our “Other” cards',
	'games.grid.notKept': 'not kept',

	'games.sideBySide.heading': 'Each group’s choices',
	'games.sideBySide.empty': 'No group has been created yet.',
	'games.sideBySide.noneKept': 'No card kept yet.',
	'games.sideBySide.otherHeading': '“Other” cards written',
	'games.sideBySide.overKeep': 'Too many cards kept: the group must put back {extra, plural, one {one card} other {# cards}}.',

	'games.results.heading': 'Cards kept by the groups',
	'games.results.basis': '{count, plural, =0 {No group has kept a card yet.} one {# group has kept cards.} other {# groups have kept cards.}}',
	'games.results.count': '{count, plural, one {# group} other {# groups}} of {total}',
	'games.results.other': 'At least one “Other” card',
	'games.results.otherHeading': 'Cards written by the groups',

	'games.cases.noCases': 'This kit has no fictional cases.',
	'games.cases.chooseHeading': 'Choose a case',
	'games.cases.chooseIntro': 'Each case was made up for the workshop. Several groups may work on the same case.',
	'games.cases.choose': 'Choose this case',
	'games.cases.groupsOnCase':
		'{count, plural, =0 {No group on this case yet} one {# group is working on this case} other {# groups are working on this case}}',
	'games.cases.groupsAnswered': '{count, plural, one {# group already answered it} other {# groups already answered it}}',
	'games.cases.yoursKept': '{answered, plural, one {Your group answered # question} other {Your group answered # questions}} of {total} in this case: its answers are kept.',
	'games.cases.reopen': 'Reopen this case',
	'games.cases.earlierHeading': 'Cases your group already worked on',
	'games.cases.earlierIntro': 'Your answers to these cases are kept. Reopen a case to read or complete them.',
	'games.cases.earlierShow': 'See your answers ({answered} of {total})',
	'games.cases.current': 'Your case',
	'games.cases.change': 'Choose another case',
	'games.cases.fictional': 'Fictional case',
	'games.cases.context': 'Context',
	'games.cases.answersHeading': 'Your answers',
	'games.cases.answersIntro': 'Write what your group proposes. Everything is saved as you type.',
	'games.cases.questionOf': 'Question {n} of {count}',
	'games.cases.citeLegend': 'Kept cards this answer builds on (optional)',
	'games.cases.citeNone': 'Your group has not kept any cards in the grid game yet.',
	'games.cases.saving': 'Saving…',
	'games.cases.saved': 'Saved',
	'games.cases.saveError': 'Not saved: check the device’s free space. Your text stays on screen.',
	'games.cases.byCaseHeading': 'Groups’ answers, case by case',
	'games.cases.noGroup': 'No group is working on this case.',
	'games.cases.noAnswer': 'No answer yet.',
	'games.cases.cited': 'Cards cited:',
	'games.cases.movedOn': 'This group then chose another case.',

	'games.registry.missing': 'The table “{id}” is missing from this session’s kit.',
	'games.registry.intro':
		'Browse the table. Search for a word or filter a column. Open “What does each column mean?” for a plain explanation of each column.'
} as const satisfies Record<keyof typeof source, string>;
