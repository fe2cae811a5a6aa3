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
    form.closest('[data-consent-banner]')?.remove();
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
