/**
 * Waits until a peer connection finished gathering ICE candidates, or `ms` passed (a network
 * with an unreachable STUN/mDNS path can keep gathering for long; what was gathered by then is
 * used). QR pairing sends one complete description, never trickled candidates.
 */
export function iceGathered(pc: RTCPeerConnection, ms: number): Promise<void> {
	if (pc.iceGatheringState === 'complete') return Promise.resolve();
	return new Promise<void>((resolve) => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			pc.removeEventListener('icegatheringstatechange', check);
			resolve();
		}
		function check() {
			if (pc.iceGatheringState === 'complete') done();
		}
		pc.addEventListener('icegatheringstatechange', check);
	});
}
