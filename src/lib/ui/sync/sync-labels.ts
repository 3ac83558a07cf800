/** Message keys for the sync vocabulary shown in the tablets panel and the badge. */
import type { MessageKey } from '$lib/i18n';
import type { PeerRole, SyncState, TransportKind, TransportState } from '$lib/sync';

const stateKeys: Record<SyncState, MessageKey> = {
	offline: 'sync.state.offline',
	connecting: 'sync.state.connecting',
	syncing: 'sync.state.syncing',
	'caught-up': 'sync.state.caughtUp'
};

export const syncStateKey = (state: SyncState): MessageKey => stateKeys[state];
export const roleKey = (role: PeerRole): MessageKey => `sync.role.${role}`;
export const transportKey = (kind: TransportKind): MessageKey => `sync.transport.${kind}`;
export const transportStateKey = (state: TransportState): MessageKey => `syncui.panel.transport.${state}`;

/** A file name for a session backup: the title's letters and digits, else the id. */
export function sessionFileName(title: string, id: string, extension: string): string {
	const slug = title
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()
		.slice(0, 60);
	return `${slug || id}${extension}`;
}
