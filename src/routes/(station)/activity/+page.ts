import { browser } from '$app/environment';
import { prefetchSession } from '$lib/live';
import type { PageLoad } from './$types';

/**
 * Starts reading the session (row, stored updates, kit) while the root layout loads the catalog:
 * a page's `load` runs alongside the layout's, and the session gate mounts only after both.
 */
export const load: PageLoad = ({ url }) => {
	if (browser) prefetchSession(url.searchParams.get('id') ?? '');
	return {};
};
