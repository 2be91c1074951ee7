// The screenshot tool inside a frame, the way an OSvC add-in runs it.
// Every CSP violation in this page is kept, for the strict-CSP test (csp-frame.html).
(window as Window & { violations?: string[] }).violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  (window as Window & { violations?: string[] }).violations!.push(`${event.violatedDirective}: ${event.sample || event.blockedURI}`),
);
import './evidence-host.js';
import '../../../components/screenshot/define.js';

// Loaded from another origin (the insecure-context test), the page reports what the tool shows.
if (location.search.includes('report')) {
  void customElements.whenDefined('triage-screenshot').then(async () => {
    const shot = document.querySelector('triage-screenshot')!;
    await shot.updateComplete;
    const note = shot.shadowRoot!.querySelector('[part=note]');
    const buttons = [...shot.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    parent.postMessage({ secure: isSecureContext, blocker: note?.getAttribute('data-blocker'), note: note?.textContent, buttons, paste: !!shot.shadowRoot!.querySelector('[part=paste]') }, '*');
  });
}
