/** What this browser offers for sync, read from the page's globals (the "check this device" list). */
export interface DeviceCapabilities {
	secureContext: boolean;
	subtle: boolean;
	broadcastChannel: boolean;
	peerConnection: boolean;
}

export function checkDevice(g: typeof globalThis = globalThis): DeviceCapabilities {
	const w = g as unknown as Record<string, unknown> & { crypto?: { subtle?: unknown }; isSecureContext?: boolean };
	return {
		secureContext: w.isSecureContext === true,
		subtle: w.crypto?.subtle !== undefined,
		broadcastChannel: typeof w.BroadcastChannel === 'function',
		peerConnection: typeof w.RTCPeerConnection === 'function'
	};
}
