// Progressive enhancement of the catalogue's filter: a choice applies at
// once, so the "Apply" button goes and a hint says so beforehand (a change of
// page on a change of choice must be announced). Without JavaScript the form
// works the same with its button.
for (const form of document.querySelectorAll('form[data-auto-submit]')) {
  const hint = document.getElementById(form.dataset.autoSubmit ?? '');
  const apply = form.querySelector('[data-apply]');
  if (!hint || !apply) continue;
  hint.hidden = false;
  apply.hidden = true;
  for (const select of form.querySelectorAll('select')) {
    const described = select.getAttribute('aria-describedby');
    select.setAttribute('aria-describedby', described ? `${described} ${hint.id}` : hint.id);
    select.addEventListener('change', () => form.requestSubmit());
  }
}
