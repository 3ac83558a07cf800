/** What this browser offers for sync, read from the page's globals (the "check this device" list). */
export interface DeviceCapabilities {
	secureContext: boolean;
	subtle: boolean;
	broadcastChannel: boolean;
	peerConnection: boolean;
	/** The page can ask for the camera (secure page, getUserMedia present). */
	camera: boolean;
}

export function checkDevice(g: typeof globalThis = globalThis): DeviceCapabilities {
	const w = g as unknown as Record<string, unknown> & {
		crypto?: { subtle?: unknown };
		isSecureContext?: boolean;
		navigator?: { mediaDevices?: { getUserMedia?: unknown } };
	};
	return {
		secureContext: w.isSecureContext === true,
		subtle: w.crypto?.subtle !== undefined,
		broadcastChannel: typeof w.BroadcastChannel === 'function',
		peerConnection: typeof w.RTCPeerConnection === 'function',
		camera: w.isSecureContext === true && typeof w.navigator?.mediaDevices?.getUserMedia === 'function'
	};
}

export type CameraPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/** The camera permission as the Permissions API reports it ('unknown' where it cannot say, as on older Safari). */
export async function cameraPermission(): Promise<CameraPermission> {
	try {
		const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
		return status.state === 'granted' || status.state === 'denied' || status.state === 'prompt' ? status.state : 'unknown';
	} catch {
		return 'unknown';
	}
}
