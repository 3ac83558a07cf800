/**
 * The "check this device" screen's state: runs the checks once on open (none asks for a
 * permission), the camera test on request, and keeps the report and its QR text.
 */
import { version } from '$app/environment';
import { collectDeviceReport, encodeReport, testCamera, type DeviceReport } from '$lib/device-report';
import { runPairingSelfTest } from '$lib/sync';

export class DeviceReportState {
	report = $state.raw<DeviceReport | null>(null);
	running = $state(false);
	cameraRunning = $state(false);
	readonly code = $derived(this.report ? encodeReport(this.report) : '');

	async run(): Promise<void> {
		if (this.running) return;
		this.running = true;
		const camera = this.report?.checks.camera;
		try {
			const report = await collectDeviceReport({ app: version, selfTest: () => runPairingSelfTest() });
			// A camera already tried keeps its result: re-checking must not ask again.
			if (camera && camera.status !== 'notRun' && report.checks.camera.status !== 'missing') report.checks.camera = camera;
			this.report = report;
		} finally {
			this.running = false;
		}
	}

	async testCamera(): Promise<void> {
		if (!this.report || this.cameraRunning) return;
		this.cameraRunning = true;
		try {
			const camera = await testCamera();
			this.report = { ...this.report, checks: { ...this.report.checks, camera } };
		} finally {
			this.cameraRunning = false;
		}
	}
}
