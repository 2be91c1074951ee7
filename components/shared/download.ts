/** How long a download's object URL lives: long enough for the browser to start saving it. */
const URL_LIFETIME_MS = 60_000;

/**
 * Saves a blob as a file through a temporary link. The link goes inside `parent` (an element's
 * shadow root), so the click stays inside the element and the host page is untouched.
 */
export function downloadBlob(blob: Blob, name: string, parent: Element | ShadowRoot | DocumentFragment): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), URL_LIFETIME_MS);
}
