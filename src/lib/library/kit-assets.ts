/**
 * Object URLs for a kit's images, so sanitised Markdown can show them with no network access.
 * Browser only; `revoke()` must be called when the kit is closed.
 */
import { kitImageType, type KitPackage } from '$lib/kits';

export interface KitAssets {
	/** URL of an image in the kit, or undefined for anything else (never a remote URL). */
	resolve(path: string): string | undefined;
	revoke(): void;
}

export function createKitAssets(kit: KitPackage): KitAssets {
	const urls = new Map<string, string>();
	return {
		resolve(path) {
			const cached = urls.get(path);
			if (cached) return cached;
			const bytes = kit.files.get(path);
			const type = bytes && kitImageType(path, bytes);
			if (!bytes || !type) return undefined;
			const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
			urls.set(path, url);
			return url;
		},
		revoke() {
			for (const url of urls.values()) URL.revokeObjectURL(url);
			urls.clear();
		}
	};
}
