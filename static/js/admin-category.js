// The monster form's category picker: the new category's fields show only
// while "New category…" is chosen. Without JavaScript they are always shown.
// Fields already filled in (a refused form shown again) stay visible until
// another category is chosen. Hidden, the fields are disabled: a disabled
// field is not sent, so what was typed there cannot refuse the form.
(() => {
  const select = document.querySelector('select[data-new-category-choice]');
  const fieldset = document.getElementById('new-category');
  if (!(select instanceof HTMLSelectElement) || !(fieldset instanceof HTMLFieldSetElement)) return;
  const inputs = [...fieldset.querySelectorAll('input')];
  const newChosen = () => select.value === select.dataset.newCategoryChoice;
  const show = (shown) => {
    fieldset.hidden = !shown;
    fieldset.disabled = !shown;
  };
  select.addEventListener('change', () => show(newChosen()));
  show(newChosen() || inputs.some((input) => input.value !== ''));
})();
