/** Saves a Blob as a file through the browser's download mechanism (works offline). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Give the browser time to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
