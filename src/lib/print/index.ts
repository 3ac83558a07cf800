/** The kit on paper: what prints, on which paper, and how pages are laid out (pure, no DOM). */
export { PRINT_PARTS, isPrintPart, printableParts, papersFor, SAFE_MARGIN_MM, PAGE_MARGIN_MM, typeSteps } from './print-parts';
export type { PrintPart } from './print-parts';
export { cardSheetLayout, deckCards, paginate, cutLines, CARD_MIN_MM } from './card-layout';
export type { CardSheetLayout, DeckCard } from './card-layout';
export { paginateBlocks, largestFitting, glossaryOrder } from './paginate-blocks';
export type { BlockExtent } from './paginate-blocks';
