export { app } from './app';
export { home } from './home';
export { sync } from './sync';
export { library } from './library';
export { storage } from './storage';
export { session } from './session';
export { kits } from './kits';
export { exportMessages } from './export';
