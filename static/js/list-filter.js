// Progressive enhancement of the catalogue's filter: a choice made with the
// mouse or a finger applies at once, and a hint says so beforehand (a change
// of page on a change of choice must be announced). With the keyboard, the
// arrow keys of a closed select change its value at each press, so the list
// only updates on Enter or with the Apply button, which comes back then.
// After the reload, focus returns to the select that was changed. Without
// JavaScript the form works the same with its button.
const FOCUS_KEY = 'list-filter-focus';

for (const form of document.querySelectorAll('form[data-auto-submit]')) {
  const hint = document.getElementById(form.dataset.autoSubmit ?? '');
  const apply = form.querySelector('[data-apply]');
  if (!hint || !apply) continue;
  hint.hidden = false;
  apply.hidden = true;
  const submitFrom = (select) => {
    sessionStorage.setItem(FOCUS_KEY, select.name);
    form.requestSubmit();
  };
  for (const select of form.querySelectorAll('select')) {
    const described = select.getAttribute('aria-describedby');
    select.setAttribute('aria-describedby', described ? `${described} ${hint.id}` : hint.id);
    let byKeyboard = false;
    let pending = false;
    select.addEventListener('pointerdown', () => {
      byKeyboard = false;
    });
    select.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && pending) {
        event.preventDefault();
        submitFrom(select);
      } else {
        byKeyboard = true;
      }
    });
    select.addEventListener('change', () => {
      if (!byKeyboard) return submitFrom(select);
      pending = true;
      apply.hidden = false;
    });
  }
  const refocus = sessionStorage.getItem(FOCUS_KEY);
  sessionStorage.removeItem(FOCUS_KEY);
  const select = refocus && form.querySelector(`select[name="${CSS.escape(refocus)}"]`);
  if (select) select.focus();
}
