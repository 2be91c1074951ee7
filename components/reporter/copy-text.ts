/**
 * Puts text on the clipboard: the Clipboard API, or where it is refused (an insecure page, a
 * permission policy, an iframe without clipboard-write) a selected text area and the copy command.
 * Resolves whether it worked, for the element to say so; focus ends where it was.
 */
export async function copyText(text: string, root: Node & ParentNode): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const focused = (root as ShadowRoot).activeElement as HTMLElement | null;
    const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true, className: 'visually-hidden' });
    root.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      // neither way: the element says so, and the reference stays on screen to copy by hand
    }
    area.remove();
    focused?.focus();
    return copied;
  }
}
