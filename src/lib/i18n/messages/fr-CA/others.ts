/** The domains only the other screens show (loaded with `participant.ts` there, see `catalogs.ts`). */
export { consoleMessages } from './console';
export { device } from './device';
export { exportMessages } from './export';
export { home } from './home';
export { library } from './library';
export { pairing } from './pairing';
export { print } from './print';
export { sessions } from './sessions';
export { sheets } from './sheets';
export { studio } from './studio';
export { syncui } from './syncui';
