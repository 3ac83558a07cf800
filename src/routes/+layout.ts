// The app runs entirely in the browser (IndexedDB, Yjs, camera); every route is prerendered as a
// shell so that the static build holds one HTML file per screen for the service worker.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
