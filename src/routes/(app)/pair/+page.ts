import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/**
 * `/pair` (pairing codes) is now one way of "Inviter une tablette" (`/share`): addresses saved
 * or printed before lead there, with the same session and mode.
 */
export const load: PageLoad = ({ url }) => {
	const query = new URLSearchParams(url.searchParams);
	query.set('way', 'codes');
	redirect(307, `/share?${query}`);
};
