/**
 * Paths the venue hub answers itself, outside the app (`src/hub/venue-hub.ts`): the take-home
 * summaries (`/take-home/<id>`, plain HTML pages for phones), the y-webrtc signaling socket and the
 * `/sync` socket. The service worker must let navigations to them reach the network: its
 * navigation fallback would otherwise answer with the app shell, which says "this page does not
 * exist" for a take-home link opened on a device where the app is installed (the facilitator's
 * laptop, at `http://localhost:8080`). `/phone` is an ordinary app page, so it stays in the app.
 *
 * Workbox tests these against the path *and* query string, so each ends at `/`, `?` or the end.
 *
 * Kept free of imports so the service worker bundle stays small; a unit test checks it against
 * the hub's constants.
 */
export const HUB_SERVED_PATHS: readonly RegExp[] = [/^\/take-home(?:[/?]|$)/, /^\/sync(?:\?|$)/, /^\/signaling(?:\?|$)/];
