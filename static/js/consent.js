// Progressive enhancement of the cookie banner: the choice is sent in the
// background and the banner goes away without a reload. Without JavaScript
// the same form posts normally and the page comes back without the banner.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-consent-form')) return;
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form, event.submitter));
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body,
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`consent: ${response.status}`);
    const banner = form.closest('[data-consent-banner]');
    const hadFocus = banner?.contains(document.activeElement);
    banner?.remove();
    // The focused button is gone: keyboard users go on to the page, not back to its top.
    if (hadFocus) document.getElementById('main')?.focus({ preventScroll: true });
  } catch {
    // Fall back to the plain form post, keeping the button's choice.
    const { submitter } = event;
    if (submitter?.name) {
      const choice = Object.assign(document.createElement('input'), {
        type: 'hidden',
        name: submitter.name,
        value: submitter.value,
      });
      form.append(choice);
    }
    form.submit();
  }
});
