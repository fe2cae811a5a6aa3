// The monster form's category picker: the new category's fields show only
// while "New category…" is chosen. Without JavaScript they are always shown.
// Fields already filled in (a refused form shown again) stay visible.
(() => {
  const select = document.querySelector('select[data-new-category-choice]');
  const fieldset = document.getElementById('new-category');
  if (!(select instanceof HTMLSelectElement) || !fieldset) return;
  const filledIn = [...fieldset.querySelectorAll('input')].some((input) => input.value !== '');
  const sync = () => {
    fieldset.hidden = !filledIn && select.value !== select.dataset.newCategoryChoice;
  };
  select.addEventListener('change', sync);
  sync();
})();
