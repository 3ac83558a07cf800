/**
 * The domains the participant screens (a station tablet, a phone) show: loaded alone there (see
 * `catalogs.ts`). `tests/unit/i18n/participant-catalog.test.ts` proves that every key the code of
 * those routes can show is in one of them.
 */
export { app } from './app';
export { board } from './board';
export { exportParticipant } from './export-participant';
export { games } from './games';
export { kitDefaults } from './kit-defaults';
export { kits } from './kits';
export { libraryParticipant } from './library-participant';
export { live } from './live';
export { pairingParticipant } from './pairing-participant';
export { phone } from './phone';
export { session } from './session';
export { sheetsParticipant } from './sheets-participant';
export { storage } from './storage';
export { sync } from './sync';
export { syncuiParticipant } from './syncui-participant';
