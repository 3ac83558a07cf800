/**
 * How a board is shown: `participant` (write, edit own notes, vote), `facilitator` (moderate:
 * hide, delete and restore, merge, themes, questions answered and on the wall, reveal) or `wall`
 * (read only, large; silent activities show counts only until revealed).
 */
export type BoardMode = 'participant' | 'facilitator' | 'wall';
