export { app } from './app';
export { home } from './home';
