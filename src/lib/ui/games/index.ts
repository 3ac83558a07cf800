/**
 * Group activities built on kit material: the reflective-grid card game, the fictional cases and
 * the registry exploration. The activity views are registered in `activities/game-views.ts`;
 * the blocks below are also meant for the facilitator console and the wall display (each needs
 * a `OpenSessionGate` around it and takes the level of its top heading).
 */
export { default as CardGameView } from './CardGameView.svelte';
export { default as CasesView } from './CasesView.svelte';
export { default as RegistryView } from './RegistryView.svelte';
/** Every group's kept cards and "Autre" cards side by side (console). */
export { default as GroupsSideBySide } from './GroupsSideBySide.svelte';
/** How many groups kept each card, by dimension, as a bar chart with numbers in text (wall, console). */
export { default as GridResults } from './GridResults.svelte';
/** Every group's answers, case by case (console). */
export { default as CaseAnswers } from './CaseAnswers.svelte';
export { placeOnGrid, gridTally, citableCards, caseWork, cardIndex, resolveCard, caseProgress, caseChoices } from './game-cards';
export type { GameCard, GridPlacement, GridTally, CaseGroupWork, BoardCards, CaseProgress, CaseChoice } from './game-cards';
