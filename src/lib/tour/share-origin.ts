/**
 * The origin the booth's QR code carries: `?share=` when the presenter gave one, this page's own origin
 * when it is already a network address, else the first network address the server reports. `local`
 * says the code can only open on this computer, so the screen can warn instead of failing silently.
 */
export function chooseShareOrigin(pageOrigin: string, shareParam: string | null, serverOrigins: string[]): { origin: string; local: boolean } {
  if (shareParam) return { origin: shareParam.replace(/\/$/, ''), local: isLoopback(shareParam) };
  if (!isLoopback(pageOrigin)) return { origin: pageOrigin, local: false };
  const lan = serverOrigins.find((o) => !isLoopback(o));
  return lan ? { origin: lan, local: false } : { origin: pageOrigin, local: true };
}

function isLoopback(origin: string): boolean {
  try {
    const host = new URL(origin).hostname;
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
  } catch {
    return true;
  }
}
