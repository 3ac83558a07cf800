/**
 * The installable-app side of Tablée: service worker registration, "a new version is ready"
 * announcements, online/offline state and persistent storage.
 */
import { browser, dev } from '$app/environment';

export type PersistState = 'unknown' | 'persisted' | 'not-persisted' | 'unsupported';

export class Pwa {
	/** A new version is installed and waiting for the user's go-ahead. */
	updateReady = $state(false);
	/** The user chose "later" for the current waiting version. */
	updateDismissed = $state(false);
	online = $state(browser ? navigator.onLine : true);
	persist = $state<PersistState>('unknown');
	/** True once a service worker controls this page (the app then works offline). */
	offlineReady = $state(false);

	#registration: ServiceWorkerRegistration | undefined;
	#started = false;

	/** Registers the service worker and starts listening; safe to call more than once. */
	start(): void {
		if (!browser || this.#started) return;
		this.#started = true;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		void this.#requestPersistence();
		if (dev || !('serviceWorker' in navigator)) return;
		this.offlineReady = navigator.serviceWorker.controller !== null;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (this.offlineReady) {
				// A new version took over at the user's request: reload to run it.
				location.reload();
			} else {
				this.offlineReady = true;
			}
		});
		void navigator.serviceWorker.register('/service-worker.js').then(
			// A browser or an extension that disables workers may resolve with nothing.
			(registration: ServiceWorkerRegistration | undefined) => {
				if (registration) this.#watch(registration);
			},
			(error: unknown) => console.warn('Service worker registration failed', error)
		);
	}

	/** Switches to the waiting version (reloads the page). */
	applyUpdate(): void {
		this.#registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
	}

	dismissUpdate(): void {
		this.updateDismissed = true;
	}

	#watch(registration: ServiceWorkerRegistration): void {
		this.#registration = registration;
		const check = () => {
			if (registration.waiting && navigator.serviceWorker.controller) {
				this.updateReady = true;
				this.updateDismissed = false;
			}
		};
		check();
		registration.addEventListener('updatefound', () => {
			const worker = registration.installing;
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'installed') check();
			});
		});
	}

	async #requestPersistence(): Promise<void> {
		if (!navigator.storage?.persist) {
			this.persist = 'unsupported';
			return;
		}
		try {
			const already = await navigator.storage.persisted();
			this.persist = already || (await navigator.storage.persist()) ? 'persisted' : 'not-persisted';
		} catch {
			this.persist = 'not-persisted';
		}
	}
}

export const pwa = new Pwa();
