import type { kitDefaults as source } from '../fr-CA/kit-defaults';

export const kitDefaults = {
	'kitDefaults.instructions.welcome': 'Welcome people, present the agenda and the facilitation team, then read the consent text together.',
	'kitDefaults.instructions.checkin': 'Read the question aloud. Each person picks an answer without commenting on it; answers stay anonymous.',
	'kitDefaults.instructions.gallery': 'Invite people to walk between the posters at their own pace. Remind them that the glossary explains difficult words.',
	'kitDefaults.instructions.board': 'Each person writes their ideas, one per note. Leave time to write before reading the notes together.',
	'kitDefaults.instructions.experts': 'Collect the participants’ questions, then invite the resource people to answer them in plain words.',
	'kitDefaults.instructions.stations': 'Form small groups. Each group answers its station’s question, then moves to the next station at the signal.',
	'kitDefaults.instructions.dream': 'Invite the groups to imagine, freely, concrete ways to take part, then to present them.',
	'kitDefaults.instructions.card-game': 'Deal the cards within each group. Together, the group chooses the cards to keep, then places them on the grid.',
	'kitDefaults.instructions.cases': 'Each group reads its fictional case and answers its questions, drawing on the cards it kept.',
	'kitDefaults.instructions.registry': 'Present the data and recall its source. Each person notes what they think of it.',
	'kitDefaults.instructions.closing': 'Go over what was said, explain what will be done with the traces and thank everyone.',
	'kitDefaults.instructions.break': 'Announce the break and when to come back.',
	'kitDefaults.gridTitle': 'Reflective grid'
} as const satisfies Record<keyof typeof source, string>;
