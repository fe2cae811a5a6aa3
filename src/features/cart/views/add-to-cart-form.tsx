import { FormError, PostForm } from '../../../views/form.js';
import type { ViewContext } from '../../../views/view-context.js';
import { cartMessages } from '../cart.messages.js';
import { MAX_QUANTITY_PER_LINE, MIN_QUANTITY_PER_LINE } from '../cart.schemas.js';
import { addToCartFormId, CART_ITEMS_PATH } from '../cart-paths.js';

/** What the form needs to know of a monster. */
export interface AddableMonster {
  readonly id: number;
  readonly name: string;
  readonly stock: number;
}

export interface AddToCartFormProps {
  readonly ctx: ViewContext;
  readonly monster: AddableMonster;
  /** Where a successful add leads (a same-site path); the cart when not given. */
  readonly next?: string | undefined;
  /** Where a refused add comes back to, re-shown; the page the form is on by default. */
  readonly back?: string | undefined;
  /** In a card the label is read out but not shown: the card names the monster. */
  readonly compact?: boolean;
}

/**
 * "Add to cart" for one monster, on its page and on every card. A refused add
 * is carried back to the page the form was on (Post/Redirect/Get) and shown
 * here: the message beside the quantity, the field marked, the value typed.
 */
export function AddToCartForm({ ctx, monster, next, back, compact = false }: AddToCartFormProps) {
  const t = cartMessages[ctx.lang];
  const formId = addToCartFormId(monster.id);
  const inputId = `${formId}-quantity`;
  const refusal = ctx.refusal?.form === formId ? ctx.refusal : undefined;
  // The field's own words, when they add to the message (not when they repeat it).
  const quantityText = refusal?.fields.quantity;
  const fieldMessage = quantityText !== refusal?.message ? quantityText : undefined;
  const fieldErrorId = `${inputId}-error`;
  const soldOut = monster.stock <= 0;
  const describedBy =
    [refusal && 'error-summary', fieldMessage && fieldErrorId, soldOut && `${formId}-sold-out`]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <PostForm ctx={ctx} action={CART_ITEMS_PATH} class="add-to-cart" id={formId}>
      <FormError
        message={refusal?.message}
        fields={refusal?.fields}
        labels={{ quantity: t.quantityOf(monster.name) }}
        fieldId={() => inputId}
        lang={ctx.lang}
      />
      <input type="hidden" name="monster_id" value={monster.id} />
      <input type="hidden" name="back" value={back ?? ctx.path} />
      {next !== undefined && <input type="hidden" name="next" value={next} />}
      <div class="add-to-cart-fields">
        <label for={inputId} class={compact ? 'visually-hidden' : undefined}>
          {compact ? t.addQuantityOf(monster.name) : t.quantity}
        </label>
        <input
          id={inputId}
          type="number"
          name="quantity"
          inputMode="numeric"
          min={MIN_QUANTITY_PER_LINE}
          max={Math.min(Math.max(monster.stock, MIN_QUANTITY_PER_LINE), MAX_QUANTITY_PER_LINE)}
          value={refusal?.values.quantity ?? MIN_QUANTITY_PER_LINE}
          required
          disabled={soldOut}
          aria-invalid={refusal ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <button type="submit" disabled={soldOut}>
          {t.addToCart}
        </button>
      </div>
      {fieldMessage && (
        <p class="field-error" id={fieldErrorId}>
          {fieldMessage}
        </p>
      )}
      {soldOut && (
        <p class="sold-out" id={`${formId}-sold-out`}>
          {t.soldOut}
        </p>
      )}
    </PostForm>
  );
}
