import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { FormError } from './form.js';

/** The error summary's links, as [href, text] pairs in the order the page lists them. */
const summaryLinks = (html: string) =>
  [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [href, text]);

const ADMIN_LABELS = { name: 'Name', height: 'Height (cm)', price: 'Price (€)', stock: 'Stock' };

test('the error summary names each refused field by its label, in the form’s order, and links it', () => {
  const html = renderToString(
    <FormError
      message="Please correct the highlighted fields."
      fields={{ stock: 'Use a whole number.', name: 'Use at most 100 characters.' }}
      labels={ADMIN_LABELS}
      lang="en"
    />,
  );
  assert.match(html, /<p>Please correct the highlighted fields\.<\/p>/);
  assert.deepEqual(summaryLinks(html), [
    ['#field-name', 'Name: Use at most 100 characters.'],
    ['#field-stock', 'Stock: Use a whole number.'],
  ]);
});

test('a field whose text is the message is still linked: the message itself leads to it', () => {
  const message = 'Only 3 left in stock: your cart is unchanged.';
  const html = renderToString(
    <FormError
      message={message}
      fields={{ quantity: message }}
      labels={{ quantity: 'Quantity' }}
      fieldId={(name) => `add-to-cart-666-${name}`}
      lang="en"
    />,
  );
  assert.deepEqual(summaryLinks(html), [['#add-to-cart-666-quantity', `Quantity: ${message}`]]);
  assert.equal(html.split(message).length - 1, 1, 'the message is said once');
});

test('in French the label’s colon keeps a no-break space before it', () => {
  const html = renderToString(
    <FormError
      message="Veuillez corriger les champs signalés."
      fields={{ name: 'Utilisez au plus 100 caractères.' }}
      labels={{ name: 'Nom' }}
      lang="fr"
    />,
  );
  assert.deepEqual(summaryLinks(html), [
    ['#field-name', 'Nom\u00a0: Utilisez au plus 100 caractères.'],
  ]);
});
